//! The decision pass: one walk over the canonical tree that decides, for every element, to
//! keep it, drop it or unwrap it, and edits the tree in place.
//!
//! Going down, an element's own marks decide at once (the rule table: classes, ids, tags,
//! attributes, inline styles; user selectors; the output policy), and a dropped element is
//! never entered. Coming back up, after all its children are decided, the element's measure
//! is taken from theirs ([`Measure`]) and the rules that need it decide, the rows of
//! [`SIZE_RULES`] in order: emptiness, word caps, text prompts, lead-ins, call-to-action
//! boxes, and share-of-post guards (bounded by the post's size taken before the pass). Rules about siblings (an image credit beside a
//! table) wait for the parent, when every sibling is decided.
//!
//! So every decision reads the subtree as the output will hold it, and the pass run on its
//! own result decides nothing new (property P2, checked by [`super::check`] in
//! `clean/tests.rs`, over the fuzz regressions and in the `html` fuzz target): what survived
//! was measured as it stands, and the post it is measured against only got smaller.

mod bound;
mod edit;
mod sized;

use std::cell::Cell;

use url::Url;

use sized::{Leaving, Step as SizeStep};

use super::measure::{Measure, TextSizes, of_children};
use super::rules::{self, Action, Guard, Rule, View};
use super::{Cleaner, attrs, text_rules};
use crate::dom::tree::{Document, NodeId};
use crate::dom::walk::{Step, Walk};
use crate::dom::{Policy, Tag};
use crate::rules::RuleGroup;
use crate::rules::measured::{PROMPT_BOXES, SIZE_RULES};

/// What the pass found besides the tree.
#[derive(Debug, Default)]
pub(crate) struct Outcome {
    /// How many elements each rule removed.
    pub removed: Vec<(Rule, u32)>,
    pub warnings: Vec<String>,
    /// Bodies of `application/ld+json` scripts found in the content (for FAQPage).
    pub json_ld: Vec<String>,
    /// An element holding elements was unwrapped: its children may now stand where HTML
    /// cannot hold them (a list item straight in a list item), so the shape needs a look.
    pub reshape: bool,
}

/// Whether an element is left out when its children are decided, its children taking its
/// place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unwrap {
    /// It stays (unless a rule that measures it removes it).
    No,
    /// A rule unwraps it: its content counts as its parent's.
    ByRule(Rule),
    /// The output policy unwraps it (an unknown or presentational element), once the rules
    /// that measure it have kept it.
    ByPolicy,
}

/// Whether a text node holds a word the long prompts need, once read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LongWords {
    NotRead,
    Absent,
    Present,
}

/// An element on the way down, waiting for its children.
struct Frame {
    node: NodeId,
    unwrap: Unwrap,
    /// A guarded rule waiting for the element's measure.
    defer: Option<(Rule, Guard)>,
    /// The last rule that removed something inside (an emptied wrapper is reported under it).
    removed: Option<Rule>,
    /// The enclosing heading.
    heading: Option<NodeId>,
    in_summary: bool,
    in_pre: bool,
    /// Inside a paragraph, heading, list item or cell: inline elements there are part of a
    /// sentence, not labels of their own.
    in_text_block: bool,
    /// Words of children removed as prompts (for sizing a call-to-action box).
    dropped_words: u32,
    /// A child was a newsletter, follow or related prompt.
    box_prompt: bool,
    /// The previous child was a "Related posts" heading: a link list right after it goes too.
    related_next: bool,
    /// Words of the children whose whole text was checked for prompts, and their number: a
    /// wrapper around one such child has nothing new to check.
    checked_words: u32,
    checked_children: u32,
    /// Where this element's children that are only an image credit start in
    /// [`Pass::credits`].
    credits_from: usize,
}

impl Frame {
    fn root(node: NodeId) -> Frame {
        Frame {
            node,
            unwrap: Unwrap::No,
            defer: None,
            removed: None,
            heading: None,
            in_summary: false,
            in_pre: false,
            in_text_block: false,
            dropped_words: 0,
            box_prompt: false,
            related_next: false,
            checked_words: 0,
            checked_children: 0,
            credits_from: 0,
        }
    }
}

struct Pass<'a> {
    cleaner: &'a Cleaner,
    doc: &'a mut Document,
    base: Option<&'a Url>,
    /// The measure of every element decided so far, by node index.
    measures: Vec<Measure>,
    /// For text nodes: whether it holds a word the long prompts need, by node index.
    long: Vec<Cell<LongWords>>,
    /// The size of each text, taken once (forgotten when an edit joins texts).
    sizes: TextSizes,
    /// Non-space characters of the post before the pass: the bound of the share guards.
    total_chars: u32,
    /// Divs a Quick Adsense comment names.
    marked: &'a [NodeId],
    credits: Vec<NodeId>,
    out: Outcome,
}

/// Runs the pass over the content of `root`.
pub(crate) fn run(
    cleaner: &Cleaner,
    doc: &mut Document,
    root: NodeId,
    base: Option<&Url>,
    marked: &[NodeId],
) -> Outcome {
    let len = doc.len();
    let sizes = TextSizes::new(len);
    let total_chars = bound::readable_chars(cleaner, doc, root, &sizes);
    let mut pass = Pass {
        cleaner,
        doc,
        base,
        measures: vec![Measure::default(); len],
        long: vec![Cell::new(LongWords::NotRead); len],
        sizes,
        total_chars,
        marked,
        credits: Vec::new(),
        out: Outcome::default(),
    };
    let mut stack = vec![Frame::root(root)];
    // Text needs no visit: it is measured by its parent.
    let mut walk = Walk::elements(root);
    while let Some(step) = walk.next(pass.doc) {
        match step {
            Step::Enter(node) => pass.enter(node, &mut stack, &mut walk),
            // An element removed on entering has no frame.
            Step::Leave(node) if stack.last().is_some_and(|f| f.node == node) => {
                let mut frame = stack.pop().expect("a frame for the element left");
                pass.settle_credits(&mut frame);
                let parent = stack.last_mut().expect("the root frame is popped last");
                // The element's exit edits only the element and the text around it (the
                // walk has read where to go on).
                pass.exit(frame, parent);
            }
            Step::Leave(_) => {}
        }
    }
    let mut frame = stack.pop().expect("the root frame is popped last");
    pass.settle_credits(&mut frame);
    pass.out
}

impl Pass<'_> {
    /// Decides what an element's own marks decide: an element removed here is not walked
    /// into, one kept gets a frame.
    fn enter(&mut self, node: NodeId, stack: &mut Vec<Frame>, walk: &mut Walk) {
        let top = stack
            .last_mut()
            .expect("the root frame is never popped here");
        let el = self.doc.element(node).expect("only elements are visited");
        let tag = el.tag.clone();
        let view = rules::view_of(el);
        let action = self.action(node, &tag, &view, top);
        let id = owned_id(&view);
        let ld_json = tag == Tag::Script && view.script_type.contains("ld+json");
        // An accordion part whose text is content (all but its icon).
        let accordion_part = view
            .accordion_part()
            .is_some_and(|p| p != crate::rules::accordion::Part::Icon);
        match action {
            Some(Action::Drop(rule)) => {
                if ld_json {
                    self.out.json_ld.push(child_text(self.doc, node));
                }
                self.drop_entered(node, rule, id, top, walk);
            }
            Some(Action::Unwrap(rule)) => {
                let frame = self.unwrap_entered(node, &tag, rule, id, top);
                stack.push(frame);
            }
            None | Some(Action::Defer(..)) => {
                let defer = match action {
                    Some(Action::Defer(rule, guard)) => Some((rule, guard)),
                    _ => None,
                };
                if let Some(frame) = self.keep_entered(node, &tag, defer, accordion_part, top, walk)
                {
                    stack.push(frame);
                }
            }
        }
    }

    /// What the rules say of an element met going down (`top` being its parent's frame).
    fn action(
        &self,
        node: NodeId,
        tag: &Tag,
        view: &rules::View<'_>,
        top: &Frame,
    ) -> Option<Action> {
        let ctx = rules::Context {
            in_heading: top.heading.is_some(),
            in_summary: top.in_summary,
        };
        let action = if self.marked.contains(&node) {
            Some(Action::Drop(rules::QUICK_ADSENSE))
        } else {
            self.cleaner.decide(self.doc, node, view, ctx)
        };
        // An AdSense `<ins>` is empty in real markup; one with content is unclosed and has
        // swallowed what follows it, which must not be lost with it.
        if *tag == Tag::Ins
            && action == Some(Action::Drop(rules::ADSENSE))
            && self
                .doc
                .children(node)
                .any(|c| self.doc.element(c).is_some_and(|e| e.tag.is_block()))
        {
            return Some(Action::Unwrap(rules::ADSENSE));
        }
        action
    }

    /// Removes an element a rule drops on sight, with what it holds.
    fn drop_entered(
        &mut self,
        node: NodeId,
        rule: Rule,
        id: Option<String>,
        top: &mut Frame,
        walk: &mut Walk,
    ) {
        count(&mut self.out.removed, rule);
        // An id-carrying marker inside a heading still names the heading.
        if let (Some(h), Some(id)) = (top.heading, &id)
            && rule.group == rules::Group::Builtin(RuleGroup::Toc)
        {
            set_anchor(self.doc, h, id);
        }
        top.removed = Some(rule);
        let in_pre = top.in_pre;
        walk.skip_children(self.doc);
        self.remove(node, in_pre);
    }

    /// The frame of an element a rule unwraps (its content stays, it goes on leaving).
    fn unwrap_entered(
        &mut self,
        node: NodeId,
        tag: &Tag,
        rule: Rule,
        id: Option<String>,
        top: &Frame,
    ) -> Frame {
        count(&mut self.out.removed, rule);
        let name = self
            .doc
            .element(node)
            .and_then(|e| e.attr("name"))
            .filter(|n| !n.is_empty())
            .map(str::to_string);
        if let Some(h) = top.heading
            && let Some(id) = id.or(name)
        {
            set_anchor(self.doc, h, &id);
        }
        Frame {
            unwrap: Unwrap::ByRule(rule),
            removed: Some(rule),
            in_summary: top.in_summary || *tag == Tag::Summary,
            ..self.child_frame(node, top)
        }
    }

    /// An element no rule removes on sight: its attributes normalised, then removed if the
    /// output policy never shows it (or it is a placeholder or a foreign iframe), else its
    /// frame, `defer` being a guarded rule waiting for its measure.
    fn keep_entered(
        &mut self,
        node: NodeId,
        tag: &Tag,
        defer: Option<(Rule, Guard)>,
        accordion_part: bool,
        top: &mut Frame,
        walk: &mut Walk,
    ) -> Option<Frame> {
        let (base, warnings) = (self.base, &mut self.out.warnings);
        let el = self.doc.element_mut(node).expect("an element");
        attrs::normalise(el, base, warnings);
        // `<strike>` is obsolete HTML: the output says `<s>`.
        if *tag == Tag::Strike {
            el.tag = Tag::S;
        }
        let policy = el.tag.policy(el.attr("src"), &self.cleaner.iframe_hosts);
        let placeholder = *tag == Tag::Img && el.attr("src").is_none();
        let dropped = if *tag == Tag::Iframe && policy != Policy::Keep {
            count(&mut self.out.removed, rules::FOREIGN_IFRAME);
            true
        } else if placeholder {
            // A lazy-loading placeholder with no real source behind it.
            count(&mut self.out.removed, rules::PLACEHOLDER_IMAGE);
            true
        } else {
            // Never in the output (active content): gone from text and HTML alike.
            policy == Policy::Drop
        };
        if dropped {
            let in_pre = top.in_pre;
            walk.skip_children(self.doc);
            self.remove(node, in_pre);
            return None;
        }
        Some(Frame {
            unwrap: if policy == Policy::Unwrap {
                Unwrap::ByPolicy
            } else {
                Unwrap::No
            },
            defer,
            heading: if tag.heading_level().is_some() {
                Some(node)
            } else {
                top.heading
            },
            // An accordion part the policy leaves out is not in the output: what is inside
            // it must not be read as inside an accordion (P2).
            in_summary: top.in_summary
                || *tag == Tag::Summary
                || (accordion_part && policy != Policy::Unwrap),
            in_pre: top.in_pre || *tag == Tag::Pre,
            in_text_block: top.in_text_block || tag.is_text_block(),
            ..self.child_frame(node, top)
        })
    }

    /// A frame for `node` inheriting `top`'s context.
    fn child_frame(&self, node: NodeId, top: &Frame) -> Frame {
        Frame {
            node,
            heading: top.heading,
            in_summary: top.in_summary,
            in_pre: top.in_pre,
            in_text_block: top.in_text_block,
            credits_from: self.credits.len(),
            ..Frame::root(node)
        }
    }

    /// Decides what needs the element's measure, once its children are decided: the rows of
    /// [`SIZE_RULES`] in order, the first that removes the element ending them; then the
    /// output policy's unwrap.
    fn exit(&mut self, frame: Frame, parent: &mut Frame) {
        let node = frame.node;
        if let Unwrap::ByRule(_) = frame.unwrap {
            // A rule's unwrap: its content is the parent's.
            parent.removed = frame.removed.or(parent.removed);
            parent.dropped_words += frame.dropped_words;
            parent.box_prompt |= frame.box_prompt;
            self.unwrap(node);
            return;
        }
        let tag = self.doc.element(node).expect("an element").tag.clone();
        let inner = of_children(self.doc, node, &self.measures, &self.sizes);
        let leaving = Leaving {
            // Elements whose whole text may be a prompt.
            prompt_box: inner.words > 0
                && inner.words <= text_rules::MAX_WORDS
                && (tag.is_text_block()
                    || PROMPT_BOXES.contains(&tag)
                    || (!frame.in_text_block && tag.is_inline_label())),
            related_next: std::mem::take(&mut parent.related_next),
            tag,
            inner,
        };
        for row in SIZE_RULES {
            match self.apply(row, &frame, parent, &leaving) {
                SizeStep::Pass => {}
                SizeStep::Cut(rule) => {
                    count(&mut self.out.removed, rule);
                    parent.removed = Some(rule);
                    self.remove(node, parent.in_pre);
                    return;
                }
                SizeStep::Done => return,
            }
        }
        if frame.unwrap == Unwrap::ByPolicy {
            // The output policy's unwrap (an unknown or presentational element).
            self.unwrap(node);
            return;
        }
        // Kept, and its whole text checked: a wrapper around it alone has nothing new.
        if leaving.prompt_box {
            parent.checked_words += leaving.inner.words;
            parent.checked_children += 1;
        }
        self.measures[node.index()] = Measure::of_element(&leaving.tag, leaving.inner);
    }

    /// Drops the children of `frame` that are only an image credit, unless a table is
    /// beside them.
    fn settle_credits(&mut self, frame: &mut Frame) {
        if self.credits.len() <= frame.credits_from {
            return;
        }
        let credits: Vec<NodeId> = self.credits.drain(frame.credits_from..).collect();
        for c in credits {
            if self.doc.parent(c) != Some(frame.node) {
                continue;
            }
            let table = |n: NodeId| self.doc.element(n).is_some_and(|e| e.tag == Tag::Table);
            let beside_table = self.doc.prev_siblings(c).any(table)
                || self
                    .doc
                    .next_siblings(c)
                    .any(|n| self.doc.element(n).is_some_and(|e| e.tag == Tag::Table));
            if !beside_table {
                count(&mut self.out.removed, rules::IMAGE_CREDIT);
                frame.removed = Some(rules::IMAGE_CREDIT);
                self.remove(c, frame.in_pre);
            }
        }
    }

    /// The text nodes of a subtree.
    fn pieces(&self, node: NodeId) -> impl Iterator<Item = &str> + Clone {
        let doc = &*self.doc;
        doc.descendants(node)
            .filter_map(move |n| doc.node(n).text())
            .map(|t| &**t)
    }

    /// Forgets what the pass knows of text node `node` (its size, its long-prompt words):
    /// an edit changed its text.
    fn text_changed(&self, node: NodeId) {
        if let Some(l) = self.long.get(node.index()) {
            l.set(LongWords::NotRead);
        }
        self.sizes.forget(node);
    }

    /// Whether any text under `node` holds a word the long prompts need; each text is read
    /// once, and remembers the answer for the boxes around it.
    fn long_words(&self, node: NodeId) -> bool {
        let doc = &*self.doc;
        doc.descendants(node).any(|n| {
            let Some(t) = doc.node(n).text() else {
                return false;
            };
            let Some(cell) = self.long.get(n.index()) else {
                return text_rules::has_long_word(t);
            };
            if cell.get() == LongWords::NotRead {
                cell.set(if text_rules::has_long_word(t) {
                    LongWords::Present
                } else {
                    LongWords::Absent
                });
            }
            cell.get() == LongWords::Present
        })
    }
}

impl Cleaner {
    /// What the user's selectors and the rule table say of an element.
    fn decide(
        &self,
        doc: &Document,
        node: NodeId,
        view: &View<'_>,
        ctx: rules::Context,
    ) -> Option<Action> {
        if self.keep.iter().any(|s| s.matches(doc, node)) {
            return None;
        }
        if self.drop.iter().any(|s| s.matches(doc, node)) {
            return Some(Action::Drop(rules::CUSTOM));
        }
        self.rules.classify(view, ctx)
    }
}

fn owned_id(view: &View<'_>) -> Option<String> {
    (!view.id.is_empty()).then(|| view.id.to_string())
}

fn count(removed: &mut Vec<(Rule, u32)>, rule: Rule) {
    match removed.iter_mut().find(|(r, _)| *r == rule) {
        Some((_, n)) => *n += 1,
        None => removed.push((rule, 1)),
    }
}

/// Gives heading `h` the anchor `id`, unless it has one or the id names furniture.
fn set_anchor(doc: &mut Document, h: NodeId, id: &str) {
    if let Some(heading) = doc.element_mut(h)
        && heading.attr("id").is_none()
        && !rules::is_furniture_id(id)
    {
        heading.set_attr("id", id);
    }
}

fn child_text(doc: &Document, node: NodeId) -> String {
    doc.children(node)
        .filter_map(|c| doc.node(c).text().map(|t| t.to_string()))
        .collect()
}
