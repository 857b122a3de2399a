//! The parser's side of the tree: html5ever's `TreeSink`, building a [`Document`], and the
//! parse functions, which drive html5ever's tree builder with the tokenizer of
//! [`super::tokenize`].
//!
//! The sink contract asks for adjacent text to be merged (in `append` and
//! `append_before_sibling`); elements keep only the attributes some rule or output reads,
//! unless user selectors may ask for any.
//!
//! The sink also enforces the content's shape limits ([`Bounds`]): it counts the elements
//! it attaches and gives each the depth of its parent plus one. The first element over a
//! limit is not attached, and from then on nothing is (the tree is what came before it);
//! [`parse_fragment_within`] stops the tokenizer at the token after which the sink stopped,
//! so the rest is never read (the tree builder slows down quadratically on very deep
//! nesting, so hostile content must be cut off early).

use std::borrow::Cow;
use std::cell::{Cell, Ref, RefCell};

use html5ever::tokenizer::states::State;
use html5ever::tree_builder::{
    ElementFlags, NodeOrText, QuirksMode, TreeBuilder, TreeBuilderOpts, TreeSink, create_element,
};
use html5ever::{Attribute, QualName, local_name, ns};
use tendril::StrTendril;

use super::bounds::{Bounds, Cut, Over, line_at, on_line};
use super::tag::Tag;
use super::tokenize;
use super::tree::{Attr, Data, Document, Element, NodeId, Ns};

/// Which attributes the tree keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Attrs {
    /// Those the rules and outputs read.
    Needed,
    /// All of them (user CSS selectors may match any attribute).
    All,
}

/// Parses `html` as the content of a `<body>` (as a post's content is), into a document
/// whose root holds one `<html>` element holding the content.
pub(crate) fn parse_fragment(html: &str, attrs: Attrs) -> Document {
    parse_fragment_within(html, attrs, Bounds::NONE).0
}

/// [`parse_fragment`], with the content cut at the first element deeper than
/// `bounds.max_depth` or past `bounds.max_elements`: the tree holds what came before it, and
/// the tokenizer stops at the token that went over.
pub(crate) fn parse_fragment_within(
    html: &str,
    attrs: Attrs,
    bounds: Bounds,
) -> (Document, Option<Cut>) {
    let sink = Sink::new(html, attrs, bounds);
    let body = QualName::new(None, ns!(html), local_name!("body"));
    let context = create_element(&sink, body, Vec::new());
    let builder = TreeBuilder::new_for_fragment(sink, context, None, TreeBuilderOpts::default());
    let first = builder.tokenizer_state_for_context_elem(false);
    build(builder, html, first)
}

/// Parses `html` as a whole document (a saved page: doctype, `<head>`, `<body>`), within
/// `bounds` as [`parse_fragment_within`] does. The root holds the `<html>` element.
pub(crate) fn parse_document_within(
    html: &str,
    attrs: Attrs,
    bounds: Bounds,
) -> (Document, Option<Cut>) {
    let builder = TreeBuilder::new(Sink::new(html, attrs, bounds), TreeBuilderOpts::default());
    build(builder, html, State::Data)
}

/// Runs the tokenizer over `html` into `builder`, stopping at the token where the sink hit
/// a limit.
fn build(builder: TreeBuilder<NodeId, Sink>, html: &str, first: State) -> (Document, Option<Cut>) {
    let stopped = tokenize::run(&builder, html, first, |sink: &Sink| {
        sink.over.get().is_some()
    });
    let cut = stopped.zip(builder.sink.over.get()).map(|(read, over)| {
        let line = line_at(html, read.1);
        Cut {
            over,
            bytes: on_line(html, read, line),
            line,
        }
    });
    (builder.sink.finish(), cut)
}

/// The characters an HTML named character reference (`amp;`, `hellip;`, with its `;`)
/// stands for: one or two code points, the second 0 when there is one.
pub(crate) fn named_entity(name: &str) -> Option<(u32, u32)> {
    html5ever::data::NAMED_ENTITIES.get(name).copied()
}

fn no_name() -> QualName {
    QualName::new(None, ns!(), local_name!(""))
}

/// Builds a [`Document`] as html5ever's tree builder asks.
pub(super) struct Sink {
    doc: RefCell<Document>,
    /// What the sink knows of each node it created (by index): the tree builder asks for
    /// names by reference.
    nodes: RefCell<Vec<Made>>,
    /// Each template element and its (never linked) contents node.
    templates: RefCell<Vec<(NodeId, NodeId)>>,
    /// MathML `annotation-xml` elements that hold HTML.
    integration_points: RefCell<Vec<NodeId>>,
    attrs: Attrs,
    bounds: Bounds,
    /// Elements attached so far (the `<html>` holding the content aside).
    elements: Cell<usize>,
    /// The limit that was hit, once one was: nothing is attached after it.
    over: Cell<Option<Over>>,
}

/// A node the sink created.
#[derive(Clone)]
struct Made {
    /// The parser's name for it (empty for non-elements).
    name: QualName,
    /// Its depth, once known: its parent's plus one, 0 for the `<html>` holding the
    /// content. Set when it is attached under a parent of known depth; a node attached
    /// under one not in the document yet (a clone the adoption agency is building) learns
    /// it when it is next a parent, from its nearest ancestor that knows. A node the parser
    /// moves is re-dated, its descendants are not: the parser's moves shift a subtree by a
    /// level or two, and only new elements deepen its stack of open elements.
    depth: u32,
    /// Whether it was counted against the element limit (it is once, when first attached).
    counted: bool,
}

/// The depth of a node not known yet.
const UNKNOWN: u32 = u32::MAX;

impl Sink {
    pub(super) fn new(html: &str, attrs: Attrs, bounds: Bounds) -> Sink {
        Sink {
            // Real posts average one node per 30-40 bytes of HTML.
            doc: RefCell::new(Document::with_capacity(html.len() / 32)),
            nodes: RefCell::new(vec![Made {
                name: no_name(),
                depth: UNKNOWN,
                counted: false,
            }]),
            templates: RefCell::new(Vec::new()),
            integration_points: RefCell::new(Vec::new()),
            attrs,
            bounds,
            elements: Cell::new(0),
            over: Cell::new(None),
        }
    }

    fn push(&self, data: Data, name: QualName) -> NodeId {
        let id = self.doc.borrow_mut().push(data);
        let mut nodes = self.nodes.borrow_mut();
        let made = |name| Made {
            name,
            depth: UNKNOWN,
            counted: false,
        };
        // Text nodes the document added in between have no name.
        if nodes.len() < id.index() {
            nodes.resize_with(id.index(), || made(no_name()));
        }
        nodes.push(made(name));
        id
    }

    /// Whether `child` may be attached under `parent` (`None`: an insertion before a
    /// sibling that is not in the document, which the document ignores): not once a limit
    /// was hit, and not if it is the element that goes over one. Records its depth and
    /// counts it.
    fn admit(&self, parent: Option<NodeId>, child: &NodeOrText<NodeId>) -> bool {
        if self.over.get().is_some() {
            return false;
        }
        let (NodeOrText::AppendNode(child), Some(parent)) = (child, parent) else {
            return true;
        };
        let mut nodes = self.nodes.borrow_mut();
        if nodes[child.index()].name.local.is_empty() {
            // Text, comments: no depth, not counted.
            return true;
        }
        let depth = if parent == NodeId::ROOT {
            Some(0)
        } else {
            depth_of(
                &mut nodes,
                &self.doc.borrow(),
                parent,
                self.bounds.max_depth,
            )
            .map(|d| d.saturating_add(1))
        };
        // The `<html>` holding the content is not counted.
        let counts = !nodes[child.index()].counted && parent != NodeId::ROOT;
        let over = if depth.is_some_and(|d| d as usize > self.bounds.max_depth) {
            Some(Over::Depth)
        } else if counts && self.elements.get() >= self.bounds.max_elements {
            Some(Over::Elements)
        } else {
            None
        };
        if over.is_some() {
            self.over.set(over);
            return false;
        }
        if counts {
            self.elements.set(self.elements.get() + 1);
        }
        let made = &mut nodes[child.index()];
        made.counted = true;
        made.depth = depth.unwrap_or(UNKNOWN);
        true
    }
}

/// The depth of `id`, from the nearest of it and its ancestors whose depth is known (and
/// then known for `id` too); `None` when none is, and the top one is not in the document.
/// A walk longer than `max_depth` stops there: `id` is deeper than the limit anyway.
fn depth_of(nodes: &mut [Made], doc: &Document, id: NodeId, max_depth: usize) -> Option<u32> {
    let mut at = id;
    let mut steps = 0u32;
    let base = loop {
        match nodes[at.index()].depth {
            UNKNOWN if steps as usize > max_depth => break 0,
            UNKNOWN => match doc.parent(at) {
                Some(NodeId::ROOT) => break 0,
                Some(p) => {
                    at = p;
                    steps = steps.saturating_add(1);
                }
                None => return None,
            },
            d => break d,
        }
    };
    let depth = base.saturating_add(steps).min(UNKNOWN - 1);
    nodes[id.index()].depth = depth;
    Some(depth)
}

/// The name under which attribute `name` is kept, if it is.
pub(crate) fn kept_attr(name: &str, all: Attrs) -> Option<Cow<'static, str>> {
    // Read by the cleaning rules, kept in the output, or naming the real image behind a
    // lazy-loading placeholder. A `match`, which the compiler dispatches on the name's
    // length first: this runs for every attribute of every element.
    let needed = match name {
        "alt" => "alt",
        "aria-hidden" => "aria-hidden",
        "cite" => "cite",
        "class" => "class",
        "colspan" => "colspan",
        "controls" => "controls",
        "data-index" => "data-index",
        "data-large-file" => "data-large-file",
        "data-lazy" => "data-lazy",
        "data-orig-file" => "data-orig-file",
        "data-lazy-src" => "data-lazy-src",
        "data-lazy-srcset" => "data-lazy-srcset",
        "data-orig-src" => "data-orig-src",
        "data-original" => "data-original",
        "data-src" => "data-src",
        "data-srcset" => "data-srcset",
        "datetime" => "datetime",
        "dir" => "dir",
        "height" => "height",
        "hidden" => "hidden",
        "href" => "href",
        "id" => "id",
        "lang" => "lang",
        "name" => "name",
        "open" => "open",
        "poster" => "poster",
        "rel" => "rel",
        "reversed" => "reversed",
        "role" => "role",
        "rowspan" => "rowspan",
        "scope" => "scope",
        "src" => "src",
        "srcset" => "srcset",
        "start" => "start",
        "style" => "style",
        "target" => "target",
        "title" => "title",
        "type" => "type",
        "width" => "width",
        "data-google-query-id" => "data-google-query-id",
        _ => "",
    };
    if !needed.is_empty() {
        return Some(Cow::Borrowed(needed));
    }
    let rule_data = name.strip_prefix("data-").is_some_and(|rest| {
        rest.ends_with("trackid") || rest.starts_with("ad-slot") || rest.starts_with("ad-client")
    });
    (rule_data || all == Attrs::All).then(|| Cow::Owned(name.to_string()))
}

fn namespace(name: &QualName) -> Ns {
    if name.ns == ns!(html) {
        Ns::Html
    } else if name.ns == ns!(svg) {
        Ns::Svg
    } else if name.ns == ns!(mathml) {
        Ns::MathMl
    } else {
        Ns::Other
    }
}

impl TreeSink for Sink {
    type Handle = NodeId;
    type Output = Document;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Document {
        self.doc.into_inner()
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        NodeId::ROOT
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Ref<'a, QualName> {
        Ref::map(self.nodes.borrow(), |nodes| &nodes[target.index()].name)
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        let kept = attrs
            .into_iter()
            .filter_map(|a| {
                Some(Attr {
                    name: kept_attr(&a.name.local, self.attrs)?,
                    value: a.value,
                })
            })
            .collect();
        let element = Element {
            tag: Tag::from_name(&name.local),
            ns: namespace(&name),
            attrs: kept,
        };
        let id = self.push(Data::Element(element), name);
        if flags.template {
            let contents = self.push(Data::Detached, no_name());
            self.templates.borrow_mut().push((id, contents));
        }
        if flags.mathml_annotation_xml_integration_point {
            self.integration_points.borrow_mut().push(id);
        }
        id
    }

    fn create_comment(&self, text: StrTendril) -> NodeId {
        self.push(Data::Comment(text), no_name())
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.push(Data::Detached, no_name())
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        if !self.admit(Some(*parent), &child) {
            return;
        }

        let mut doc = self.doc.borrow_mut();
        match child {
            NodeOrText::AppendNode(n) => doc.append(*parent, n),
            NodeOrText::AppendText(t) => doc.append_text(*parent, t),
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        let has_parent = self.doc.borrow().parent(*element).is_some();
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        let contents = self
            .templates
            .borrow()
            .iter()
            .find(|(t, _)| t == target)
            .map(|&(_, c)| c)
            .expect("the tree builder asks only for a template's contents");
        // The contents are never attached: what goes in them is as deep as in the template.
        let mut nodes = self.nodes.borrow_mut();
        if nodes[contents.index()].depth == UNKNOWN
            && let Some(d) = depth_of(
                &mut nodes,
                &self.doc.borrow(),
                *target,
                self.bounds.max_depth,
            )
        {
            nodes[contents.index()].depth = d;
        }
        contents
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        let parent = self.doc.borrow().parent(*sibling);
        if !self.admit(parent, &new_node) {
            return;
        }
        let mut doc = self.doc.borrow_mut();
        match new_node {
            NodeOrText::AppendNode(n) => doc.insert_before(*sibling, n),
            NodeOrText::AppendText(t) => doc.insert_text_before(*sibling, t),
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        if self.over.get().is_some() {
            return;
        }
        let mut doc = self.doc.borrow_mut();
        let Data::Element(el) = &mut doc.node_mut(*target).data else {
            return;
        };
        for a in attrs {
            if let Some(name) = kept_attr(&a.name.local, self.attrs)
                && el.attr(&name).is_none()
            {
                el.attrs.push(Attr {
                    name,
                    value: a.value,
                });
            }
        }
    }

    fn remove_from_parent(&self, target: &NodeId) {
        if self.over.get().is_some() {
            return;
        }
        self.doc.borrow_mut().detach(*target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        if self.over.get().is_some() {
            return;
        }
        let mut doc = self.doc.borrow_mut();
        let mut nodes = self.nodes.borrow_mut();
        let depth = match nodes[new_parent.index()].depth {
            UNKNOWN => UNKNOWN,
            d => d.saturating_add(1),
        };
        // Moved, not new: re-dated (or left to learn their depth from `new_parent`), not
        // counted again.
        for child in doc.children(*node) {
            // Text the document made since the sink last made a node is not listed yet.
            if let Some(made) = nodes.get_mut(child.index()) {
                made.depth = depth;
            }
        }
        doc.reparent_children(*node, *new_parent);
    }

    fn is_mathml_annotation_xml_integration_point(&self, handle: &NodeId) -> bool {
        self.integration_points.borrow().contains(handle)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tree as nested text, for comparing shapes.
    fn shape(doc: &Document, id: NodeId) -> String {
        let mut out = String::new();
        for c in doc.children(id) {
            match &doc.node(c).data {
                Data::Element(e) => {
                    out.push_str(&format!("<{}>{}</{}>", e.tag, shape(doc, c), e.tag));
                }
                Data::Text(t) => out.push_str(t),
                Data::Comment(t) => out.push_str(&format!("<!--{}-->", &**t)),
                _ => {}
            }
        }
        out
    }

    fn parsed(html: &str) -> String {
        shape(&parse_fragment(html, Attrs::Needed), NodeId::ROOT)
    }

    #[test]
    fn builds_the_html5_tree() {
        assert_eq!(parsed("<p>a<p>b"), "<html><p>a</p><p>b</p></html>");
        // Adoption agency: misnested formatting is rebuilt.
        assert_eq!(
            parsed("<b>1<p>2</b>3</p>"),
            "<html><b>1</b><p><b>2</b>3</p></html>"
        );
        // Foster parenting moves text out of a table, merged with the text before.
        assert_eq!(
            parsed("x<table>y<tr><td>z</table>"),
            "<html>xy<table><tbody><tr><td>z</td></tr></tbody></table></html>"
        );
        assert_eq!(parsed("a<!--c-->b"), "<html>a<!--c-->b</html>");
        // Template contents are not part of the document.
        assert_eq!(
            parsed("<template><p>t</p></template>x"),
            "<html><template></template>x</html>"
        );
    }

    #[test]
    fn keeps_only_needed_attributes() {
        let html =
            r#"<div class="c" onclick="x" data-foo="1" data-ad-slot="2" data-abtrackid="3">"#;
        let names = |attrs| {
            let doc = parse_fragment(html, attrs);
            let div = doc.descendants(NodeId::ROOT).nth(1).unwrap();
            let el = doc.element(div).unwrap();
            el.attrs
                .iter()
                .map(|a| a.name.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names(Attrs::Needed),
            ["class", "data-ad-slot", "data-abtrackid"]
        );
        assert_eq!(names(Attrs::All).len(), 5);
    }

    #[test]
    fn entity_table() {
        assert_eq!(named_entity("amp;"), Some((38, 0)));
        assert_eq!(named_entity("nope;"), None);
    }
}
