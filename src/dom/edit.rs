//! The edit both the decision pass and the canonical form make: removing an element so
//! that the words on either side stay apart, with the text around it joined as a parser
//! would join it.

use tendril::StrTendril;

use super::has_visible_text;
use super::tree::{Data, Document, NodeId};

/// Where [`Document::remove_keeping_break`] leaves a line break for a removed block (or
/// a line break, an image…). The two rules are kept as they were: changing either changes
/// the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineBreak {
    /// Only between two words that would otherwise touch: text on both sides, neither
    /// with white space at the join. The text on either side is then joined (the decision
    /// pass, which keeps text merged as it goes).
    BetweenWords,
    /// Unless the text before ends in white space, even first or last in the parent. Text is
    /// not joined (the canonical form's emptiness walk, which has not visited the text after
    /// yet, and merges text in a later walk).
    UnlessSpaceBefore,
}

impl Document {
    /// Unlinks `node` with its subtree, keeping the words around it apart: a block or a
    /// line break leaves a line break where `rule` says (never inside `<pre>`, whose line
    /// breaks are text), an inline element with nothing visible its white space. Returns,
    /// with [`LineBreak::BetweenWords`], the text node the text around `node` was joined
    /// into, if any (its text changed).
    pub fn remove_keeping_break(
        &mut self,
        node: NodeId,
        in_pre: bool,
        rule: LineBreak,
    ) -> Option<NodeId> {
        let (prev, next) = (self.prev_sibling(node), self.next_sibling(node));
        let separator = match self.element(node).map(|e| &e.tag) {
            Some(t) if t.breaks_words() => {
                let apart = match rule {
                    LineBreak::BetweenWords => {
                        prev.is_some_and(|p| !self.ends_in_space(p))
                            && next.is_some_and(|n| !self.starts_with_space(n))
                    }
                    LineBreak::UnlessSpaceBefore => !prev.is_some_and(|p| self.ends_in_space(p)),
                };
                (!in_pre && apart).then(|| StrTendril::from_slice("\n"))
            }
            _ => self.white_space(node).filter(|_| {
                self.descendants(node)
                    .filter_map(|n| self.node(n).text())
                    .all(|t| !has_visible_text(t))
            }),
        };
        let parent = self.parent(node);
        self.detach(node);
        let separator = separator.and_then(|sep| {
            let text = self.push(Data::Text(sep));
            match (next, parent) {
                (Some(n), _) => self.insert_before(n, text),
                (None, Some(p)) => self.append(p, text),
                (None, None) => return None,
            }
            Some(text)
        });
        if rule == LineBreak::UnlessSpaceBefore {
            return None;
        }
        let mut joined = None;
        let mut before = prev;
        if let Some(text) = separator {
            joined = self.join_text(prev, Some(text));
            before = joined.or(Some(text));
        }
        self.join_text(before, next).or(joined)
    }

    /// Joins two adjacent siblings when both are text (the second into the first); returns
    /// the first when joined.
    pub fn join_text(&mut self, a: Option<NodeId>, b: Option<NodeId>) -> Option<NodeId> {
        let (a, b) = (a?, b?);
        let more = self.node(b).text()?.clone();
        let Data::Text(t) = &mut self.node_mut(a).data else {
            return None;
        };
        t.push_tendril(&more);
        self.detach(b);
        Some(a)
    }

    /// Whether `n` is text ending in white space (as written: a no-break space is written
    /// `&nbsp;`).
    fn ends_in_space(&self, n: NodeId) -> bool {
        self.node(n)
            .text()
            .and_then(|t| t.chars().next_back())
            .is_some_and(|c| c.is_whitespace() && c != '\u{a0}')
    }

    /// Whether `n` is text starting with white space (a no-break space does not count).
    fn starts_with_space(&self, n: NodeId) -> bool {
        self.node(n)
            .text()
            .and_then(|t| t.chars().next())
            .is_some_and(|c| c.is_whitespace() && c != '\u{a0}')
    }

    /// The text under `el`, when it holds white space.
    fn white_space(&self, el: NodeId) -> Option<StrTendril> {
        let mut text = StrTendril::new();
        for n in self.descendants(el) {
            if let Some(t) = self.node(n).text() {
                text.push_tendril(t);
            }
        }
        text.chars().any(char::is_whitespace).then_some(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::sink::{Attrs, parse_fragment};
    use crate::dom::write::write_html;

    /// Removes the first element under the fragment's root; returns the HTML left and the
    /// number of nodes beside it.
    fn remove_first(html: &str, in_pre: bool, rule: LineBreak) -> (String, usize) {
        let mut doc = parse_fragment(html, Attrs::Needed);
        let root = doc.first_child(NodeId::ROOT).unwrap();
        let el = doc
            .children(root)
            .find(|&c| doc.element(c).is_some())
            .unwrap();
        doc.remove_keeping_break(el, in_pre, rule);
        let mut out = String::new();
        write_html(&doc, root, &mut out);
        (out, doc.children(root).count())
    }

    #[test]
    fn the_pass_breaks_only_between_words_and_joins_the_text() {
        let rm = |html| remove_first(html, false, LineBreak::BetweenWords);
        assert_eq!(rm("one<div>x</div>two"), ("one\ntwo".into(), 1));
        assert_eq!(rm("one <div>x</div>two"), ("one two".into(), 1));
        assert_eq!(rm("one<div>x</div> two"), ("one two".into(), 1));
        assert_eq!(rm("<div>x</div>two"), ("two".into(), 1));
        assert_eq!(rm("one<br>two"), ("one\ntwo".into(), 1));
        assert_eq!(rm("one<wbr>two"), ("onetwo".into(), 1));
        // An inline spacer leaves its white space; one with words leaves nothing.
        assert_eq!(rm("one<span> </span>two"), ("one two".into(), 1));
        assert_eq!(rm("one<span> x </span>two"), ("onetwo".into(), 1));
        assert_eq!(
            remove_first("one<div>x</div>two", true, LineBreak::BetweenWords),
            ("onetwo".into(), 1)
        );
    }

    #[test]
    fn the_canonical_form_breaks_unless_space_before_and_leaves_text_apart() {
        let rm = |html| remove_first(html, false, LineBreak::UnlessSpaceBefore);
        assert_eq!(rm("one<div></div>two"), ("one\ntwo".into(), 3));
        assert_eq!(rm("<div></div>two"), ("\ntwo".into(), 2));
        assert_eq!(rm("one<div></div>"), ("one\n".into(), 2));
        assert_eq!(rm("one <div></div>two"), ("one two".into(), 2));
        assert_eq!(rm("one<span> </span>two"), ("one two".into(), 3));
    }
}
