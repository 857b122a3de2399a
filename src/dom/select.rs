//! User CSS selectors (`drop_selectors`, `keep_selectors`) matched against our own tree,
//! with the `selectors` crate (the matching engine of Servo).

use std::fmt;

use cssparser::ToCss;
use precomputed_hash::PrecomputedHash;
use selectors::OpaqueElement;
use selectors::attr::{AttrSelectorOperation, CaseSensitivity, NamespaceConstraint};
use selectors::bloom::BloomFilter;
use selectors::matching::{self, MatchingContext};
use selectors::parser::{self, ParseRelative, SelectorList};

use super::Tag;
use super::tree::{Data, Document, NodeId, Ns};

/// A compiled selector list (`a, .b > c`).
#[derive(Debug, Clone)]
pub(crate) struct Selector(SelectorList<Impl>);

impl Selector {
    /// Compiles a selector list; the error says, in words, what is wrong with it.
    pub fn parse(css: &str) -> Result<Selector, &'static str> {
        let mut parser = cssparser::Parser::new(css);
        SelectorList::parse(&Parser, &mut parser, ParseRelative::No)
            .map(Selector)
            .map_err(|e| match e.kind {
                cssparser::ParseErrorKind::Basic(b) => basic_reason(b),
                cssparser::ParseErrorKind::Custom(c) => selector_reason(c),
            })
    }

    /// Whether element `id` of `doc` matches.
    pub fn matches(&self, doc: &Document, id: NodeId) -> bool {
        let mut caches = matching::SelectorCaches::default();
        let mut context = MatchingContext::new(
            matching::MatchingMode::Normal,
            None,
            &mut caches,
            matching::QuirksMode::NoQuirks,
            matching::NeedsSelectorFlags::No,
            matching::MatchingForInvalidation::No,
        );
        let el = El { doc, id };
        self.0
            .slice()
            .iter()
            .any(|s| matching::matches_selector(s, 0, None, &el, &mut context))
    }
}

/// A reader's account of an error of the CSS tokenizer. The match is exhaustive: a kind a
/// new version adds must be given its words here.
fn basic_reason(kind: cssparser::BasicParseErrorKind) -> &'static str {
    use cssparser::BasicParseErrorKind as K;
    match kind {
        K::EndOfInput => {
            "ends too early: a name, a closing bracket, quote or parenthesis is missing at the end"
        }
        K::UnexpectedToken => "unexpected character or token",
        // At-rules and qualified rules belong to style sheets, not to one selector list;
        // the words are those the kinds' names spell.
        K::AtRuleInvalid => "at rule invalid",
        K::AtRuleBodyInvalid => "at rule body invalid",
        K::QualifiedRuleInvalid => "qualified rule invalid",
        K::TooManyNestedBlocks => "too many nested blocks",
    }
}

/// A reader's account of an error of the selector parser (exhaustive, as [`basic_reason`]).
fn selector_reason(kind: parser::SelectorParseErrorKind) -> &'static str {
    use parser::SelectorParseErrorKind as K;
    match kind {
        K::NoQualifiedNameInAttributeSelector => {
            "an attribute selector needs a name: `[name]`, `[name=value]`"
        }
        K::EmptySelector => {
            "no selector where one is expected (it is empty, or starts with a character that cannot start one)"
        }
        K::DanglingCombinator => "a combinator (`>`, `+`, `~`) has nothing after it",
        K::NonCompoundSelector => "only a simple selector is allowed here",
        K::NonPseudoElementAfterSlotted | K::InvalidPseudoElementAfterSlotted => {
            "pseudo-elements are not supported"
        }
        K::InvalidPseudoElementInsideWhere => {
            "pseudo-elements are not allowed inside `:is()`/`:where()`"
        }
        K::InvalidState => "this pseudo-class is not allowed here",
        K::UnexpectedTokenInAttributeSelector => {
            "unexpected character in an attribute selector: expected `]`, `=`, `~=`, `|=`, `^=`, `$=` or `*=`"
        }
        K::PseudoElementExpectedColon => "a pseudo-element needs `::`",
        K::PseudoElementExpectedIdent | K::NoIdentForPseudo => "a name is missing after `:`",
        K::UnsupportedPseudoClassOrElement => "unsupported pseudo-class or pseudo-element",
        K::UnexpectedIdent => "unexpected name",
        K::ExpectedNamespace => "unknown namespace prefix before `|` (no namespaces are declared)",
        K::ExpectedBarInAttr => "expected `|` in the attribute name",
        K::BadValueInAttr => "the attribute value must be a name or a quoted string",
        K::InvalidQualNameInAttr => "invalid attribute name",
        K::ExplicitNamespaceUnexpectedToken => "unexpected character after a namespace prefix",
        K::ClassNeedsIdent => "a class name is missing after `.`",
    }
}

/// The parser configuration: `:is`, `:where` and `:has` allowed, no other pseudo-classes.
struct Parser;

impl<'i> parser::Parser<'i> for Parser {
    type Impl = Impl;
    type Error = parser::SelectorParseErrorKind;

    fn parse_is_and_where(&self) -> bool {
        true
    }

    fn parse_has(&self) -> bool {
        true
    }
}

/// Our `SelectorImpl`: plain strings for names and values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Impl;

impl parser::SelectorImpl for Impl {
    type ExtraMatchingData<'a> = ();
    type AttrValue = Value;
    type Identifier = Ident;
    type LocalName = Ident;
    type NamespaceUrl = Ident;
    type NamespacePrefix = Ident;
    type BorrowedNamespaceUrl = Ident;
    type BorrowedLocalName = Ident;
    type NonTSPseudoClass = NoPseudo;
    type PseudoElement = NoPseudoElement;
}

/// An attribute value in a selector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Value(String);

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value(s.to_string())
    }
}

impl AsRef<str> for Value {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl ToCss for Value {
    fn to_css<W: fmt::Write>(&self, dest: &mut W) -> fmt::Result {
        cssparser::serialize_string(&self.0, dest)
    }
}

/// A name in a selector (tag, class, id, attribute, namespace) with its hash.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Ident(String, u32);

impl From<&str> for Ident {
    fn from(s: &str) -> Self {
        // FNV-1a: any stable hash will do for the selector engine's bloom filters.
        let hash = s.bytes().fold(0x811c_9dc5u32, |h, b| {
            (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
        });
        Ident(s.to_string(), hash)
    }
}

impl ToCss for Ident {
    fn to_css<W: fmt::Write>(&self, dest: &mut W) -> fmt::Result {
        dest.write_str(&self.0)
    }
}

impl PrecomputedHash for Ident {
    fn precomputed_hash(&self) -> u32 {
        self.1
    }
}

/// No pseudo-classes beyond the tree-structural ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NoPseudo {}

impl parser::NonTSPseudoClass for NoPseudo {
    fn is_active_or_hover(&self) -> bool {
        match *self {}
    }

    fn is_user_action_state(&self) -> bool {
        match *self {}
    }
}

impl ToCss for NoPseudo {
    fn to_css<W: fmt::Write>(&self, _: &mut W) -> fmt::Result {
        match *self {}
    }
}

/// No pseudo-elements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NoPseudoElement {}

impl parser::PseudoElement for NoPseudoElement {}

impl ToCss for NoPseudoElement {
    fn to_css<W: fmt::Write>(&self, _: &mut W) -> fmt::Result {
        match *self {}
    }
}

/// An element of a document, as the selector engine sees it.
#[derive(Debug, Clone, Copy)]
struct El<'a> {
    doc: &'a Document,
    id: NodeId,
}

impl El<'_> {
    fn element(&self) -> &super::tree::Element {
        self.doc
            .element(self.id)
            .expect("selectors only visit elements")
    }

    fn wrap(&self, id: Option<NodeId>) -> Option<Self> {
        id.filter(|&i| self.doc.element(i).is_some())
            .map(|id| El { doc: self.doc, id })
    }
}

impl selectors::Element for El<'_> {
    type Impl = Impl;

    fn opaque(&self) -> OpaqueElement {
        OpaqueElement::new(self.doc.node(self.id))
    }

    fn parent_element(&self) -> Option<Self> {
        self.wrap(self.doc.parent(self.id))
    }

    fn parent_node_is_shadow_root(&self) -> bool {
        false
    }

    fn containing_shadow_host(&self) -> Option<Self> {
        None
    }

    fn is_pseudo_element(&self) -> bool {
        false
    }

    fn prev_sibling_element(&self) -> Option<Self> {
        let id = self
            .doc
            .prev_siblings(self.id)
            .find(|&s| self.doc.element(s).is_some());
        self.wrap(id)
    }

    fn next_sibling_element(&self) -> Option<Self> {
        let id = self
            .doc
            .next_siblings(self.id)
            .find(|&s| self.doc.element(s).is_some());
        self.wrap(id)
    }

    fn first_element_child(&self) -> Option<Self> {
        let id = self
            .doc
            .children(self.id)
            .find(|&s| self.doc.element(s).is_some());
        self.wrap(id)
    }

    fn is_html_element_in_html_document(&self) -> bool {
        self.element().ns == Ns::Html
    }

    fn has_local_name(&self, name: &Ident) -> bool {
        self.element().tag.as_str() == &*name.0
    }

    fn has_namespace(&self, ns: &Ident) -> bool {
        let url = match self.element().ns {
            Ns::Html => "http://www.w3.org/1999/xhtml",
            Ns::Svg => "http://www.w3.org/2000/svg",
            Ns::MathMl => "http://www.w3.org/1998/Math/MathML",
            Ns::Other => "",
        };
        url == ns.0
    }

    fn is_same_type(&self, other: &Self) -> bool {
        let (a, b) = (self.element(), other.element());
        a.tag == b.tag && a.ns == b.ns
    }

    fn attr_matches(
        &self,
        _ns: &NamespaceConstraint<&Ident>,
        local_name: &Ident,
        operation: &AttrSelectorOperation<&Value>,
    ) -> bool {
        // Attributes are kept by local name (none of interest is namespaced).
        self.element()
            .attrs
            .iter()
            .any(|a| a.name == *local_name.0 && operation.eval_str(&a.value))
    }

    fn match_non_ts_pseudo_class(
        &self,
        pc: &NoPseudo,
        _context: &mut MatchingContext<'_, Impl>,
    ) -> bool {
        match *pc {}
    }

    fn match_pseudo_element(
        &self,
        pe: &NoPseudoElement,
        _context: &mut MatchingContext<'_, Impl>,
    ) -> bool {
        match *pe {}
    }

    fn apply_selector_flags(&self, _flags: matching::ElementSelectorFlags) {}

    fn is_link(&self) -> bool {
        self.element().tag == Tag::Link
    }

    fn is_html_slot_element(&self) -> bool {
        false
    }

    fn has_id(&self, id: &Ident, case_sensitivity: CaseSensitivity) -> bool {
        self.element()
            .attr("id")
            .is_some_and(|v| case_sensitivity.eq(id.0.as_bytes(), v.as_bytes()))
    }

    fn has_class(&self, name: &Ident, case_sensitivity: CaseSensitivity) -> bool {
        self.element().attr("class").is_some_and(|c| {
            c.split_ascii_whitespace()
                .any(|x| case_sensitivity.eq(name.0.as_bytes(), x.as_bytes()))
        })
    }

    fn has_custom_state(&self, _name: &Ident) -> bool {
        false
    }

    fn imported_part(&self, _name: &Ident) -> Option<Ident> {
        None
    }

    fn is_part(&self, _name: &Ident) -> bool {
        false
    }

    fn is_empty(&self) -> bool {
        !self
            .doc
            .children(self.id)
            .any(|c| matches!(self.doc.node(c).data, Data::Element(_) | Data::Text(_)))
    }

    fn is_root(&self) -> bool {
        self.doc.parent(self.id) == Some(NodeId::ROOT)
    }

    fn add_element_unique_hashes(&self, _filter: &mut BloomFilter) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::sink::{Attrs, parse_fragment};

    fn matching(css: &str, html: &str) -> Vec<String> {
        let sel = Selector::parse(css).unwrap();
        let doc = parse_fragment(html, Attrs::All);
        doc.descendants(NodeId::ROOT)
            .filter(|&id| doc.element(id).is_some() && sel.matches(&doc, id))
            .map(|id| doc.element(id).unwrap().tag.to_string())
            .collect()
    }

    #[test]
    fn selectors_match_our_tree() {
        let html = r#"<div class="a b"><p id="x">1</p><span data-k="v">2</span><em>3</em></div>"#;
        assert_eq!(matching(".b", html), ["div"]);
        assert_eq!(matching("div > #x + span", html), ["span"]);
        assert_eq!(matching("[data-k=v], em:last-child", html), ["span", "em"]);
        assert_eq!(matching("div:has(em) p", html), ["p"]);
        assert!(matching(".missing", html).is_empty());
        assert!(Selector::parse("<<").is_err());
    }
}
