//! The parser's side of the tree: html5ever's `TreeSink`, building a [`Document`]. This is
//! the one module that names html5ever's types.
//!
//! The sink contract asks for adjacent text to be merged (in `append` and
//! `append_before_sibling`); elements keep only the attributes some rule or output reads,
//! unless user selectors may ask for any.

use std::borrow::Cow;
use std::cell::{Ref, RefCell};

use html5ever::tendril::TendrilSink;
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, QualName, local_name, ns};
use tendril::StrTendril;

use super::tag::Tag;
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
    let sink = Sink {
        // Real posts average one node per 30-40 bytes of HTML.
        doc: RefCell::new(Document::with_capacity(html.len() / 32)),
        names: RefCell::new(vec![no_name()]),
        templates: RefCell::new(Vec::new()),
        integration_points: RefCell::new(Vec::new()),
        attrs,
    };
    let parser = html5ever::driver::parse_fragment(
        sink,
        html5ever::ParseOpts::default(),
        QualName::new(None, ns!(html), local_name!("body")),
        Vec::new(),
        false,
    );
    parser.one(html)
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
struct Sink {
    doc: RefCell<Document>,
    /// The parser's name for each node the sink created (by index; empty for
    /// non-elements): the tree builder asks for names by reference.
    names: RefCell<Vec<QualName>>,
    /// Each template element and its (never linked) contents node.
    templates: RefCell<Vec<(NodeId, NodeId)>>,
    /// MathML `annotation-xml` elements that hold HTML.
    integration_points: RefCell<Vec<NodeId>>,
    attrs: Attrs,
}

impl Sink {
    fn push(&self, data: Data, name: QualName) -> NodeId {
        let id = self.doc.borrow_mut().push(data);
        let mut names = self.names.borrow_mut();
        // Text nodes the document added in between have no name.
        names.resize(id.index(), no_name());
        names.push(name);
        id
    }
}

/// The name under which attribute `name` is kept, if it is.
fn kept_attr(name: &str, all: Attrs) -> Option<Cow<'static, str>> {
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
        Ref::map(self.names.borrow(), |names| &names[target.index()])
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
        self.templates
            .borrow()
            .iter()
            .find(|(t, _)| t == target)
            .map(|&(_, c)| c)
            .expect("the tree builder asks only for a template's contents")
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        let mut doc = self.doc.borrow_mut();
        match new_node {
            NodeOrText::AppendNode(n) => doc.insert_before(*sibling, n),
            NodeOrText::AppendText(t) => doc.insert_text_before(*sibling, t),
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
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
        self.doc.borrow_mut().detach(*target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        self.doc.borrow_mut().reparent_children(*node, *new_parent);
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
