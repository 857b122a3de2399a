//! Cleaning: one iterative walk over the parsed [`Document`] that drops plugin furniture
//! and copies what survives into the cleaned [`Tree`].

pub(crate) mod rules;
mod text_rules;

use tendril::StrTendril;
use url::Url;

use crate::dom::select::Selector;
use crate::dom::sink::{Attrs, parse_fragment};
use crate::dom::tree::{Data, Document, Element, NodeId};
use crate::dom::{Node, Tag, Tree, is_content_element};
use crate::error::{Error, ErrorKind, Result};
use crate::extract::image_source::real_src;
use crate::href::Href;
use crate::options::{Options, RuleGroup};
use crate::safety;
use rules::{Action, Context, Guard, Rule, View};

/// The compiled cleaning rules: built once, used for every post.
#[derive(Debug)]
pub(crate) struct Cleaner {
    enabled: [bool; 7],
    iframe_hosts: crate::safety::EmbedHosts,
    drop: Vec<Selector>,
    keep: Vec<Selector>,
}

/// What cleaning produced.
#[derive(Debug, Default)]
pub(crate) struct Cleaned {
    pub tree: Tree,
    pub removed: Vec<(Rule, u32)>,
    /// Oddities of the content worth telling the author (a link that cannot be followed…).
    pub warnings: Vec<String>,
}

#[derive(Clone, Copy)]
struct Frame {
    node: Option<NodeId>,
    /// Index of this element in the output, `None` when unwrapped.
    out: Option<usize>,
    /// Saw text or a content element.
    content: bool,
    /// The last rule that removed something inside (for reporting emptied wrappers).
    removed: Option<Rule>,
    /// Index of the enclosing heading in the output.
    heading: Option<usize>,
    in_summary: bool,
    in_pre: bool,
    /// Inside a paragraph, heading, list item or cell: inline elements there are part of a
    /// sentence, not blocks of their own.
    in_text_block: bool,
    in_link: bool,
    /// Words of text kept inside, and of that, inside links.
    words: u32,
    link_words: u32,
    /// Non-space characters of text kept inside: the size measure of the share guards, which
    /// (unlike words) does not change when a removal joins two fragments of text.
    chars: u32,
    /// Words of children removed when they closed (prompts), for sizing their container.
    dropped_words: u32,
    /// A removal waiting for this element's size.
    defer: Option<(Rule, Guard)>,
    /// A child was a newsletter, follow or related prompt.
    box_prompt: bool,
    /// The previous child was a "Related posts" heading: a link list right after it goes too.
    related_next: bool,
    /// Words of the children whose whole text was already checked for prompts, and how
    /// many such children there were.
    checked_words: u32,
    checked_children: u32,
    /// The text read so far (through inline elements, not across blocks) ends inside a word:
    /// text right after it continues that word. Counting words this way, what separates
    /// two pieces of text in the source (a removed marker, an element the HTML writer
    /// unwraps) does not change the count once it is gone.
    glue: bool,
    /// Its start tag is on the stack of elements the HTML writer will write.
    wrote: bool,
}

impl Frame {
    /// The frame of an element left out of the output: its content belongs to the parent
    /// (`top`), whose context it keeps.
    fn unwrapped(node: NodeId, top: &Frame) -> Self {
        Frame {
            node: Some(node),
            heading: top.heading,
            in_summary: top.in_summary,
            in_pre: top.in_pre,
            in_text_block: top.in_text_block,
            in_link: top.in_link,
            glue: top.glue,
            ..Frame::root()
        }
    }

    fn root() -> Self {
        Frame {
            node: None,
            out: None,
            content: false,
            removed: None,
            heading: None,
            in_summary: false,
            in_pre: false,
            in_text_block: false,
            in_link: false,
            words: 0,
            link_words: 0,
            chars: 0,
            dropped_words: 0,
            defer: None,
            box_prompt: false,
            related_next: false,
            checked_words: 0,
            checked_children: 0,
            glue: false,
            wrote: false,
        }
    }
}

/// A removal decided after the walk, when the post's size is known.
struct Deferred {
    index: usize,
    words: u32,
    chars: u32,
    rule: Rule,
    guard: Guard,
}

fn compile(selectors: &[String]) -> Result<Vec<Selector>> {
    selectors
        .iter()
        .map(|s| {
            Selector::parse(s).map_err(|e| {
                Error::new(ErrorKind::Selector {
                    selector: s.clone(),
                    reason: selector_reason(&e),
                })
            })
        })
        .collect()
}

/// A reader's account of why a selector does not parse. The selector parser names its
/// errors by variant (`NoQualifiedNameInAttributeSelector`, `EndOfInput`…), so the name is
/// looked up here; a name this table does not know yet is spelled out in words rather than
/// hidden.
fn selector_reason(detail: &str) -> String {
    let name = detail.split(['(', ' ', '{']).next().unwrap_or_default();
    let known = match name {
        "EndOfInput" => {
            "ends too early: a name, a closing bracket, quote or parenthesis is missing at the end"
        }
        "UnexpectedToken" => "unexpected character or token",
        "NoQualifiedNameInAttributeSelector" => {
            "an attribute selector needs a name: `[name]`, `[name=value]`"
        }
        "EmptySelector" => {
            "no selector where one is expected (it is empty, or starts with a character that cannot start one)"
        }
        "DanglingCombinator" => "a combinator (`>`, `+`, `~`) has nothing after it",
        "NonCompoundSelector" => "only a simple selector is allowed here",
        "NonPseudoElementAfterSlotted" | "InvalidPseudoElementAfterSlotted" => {
            "pseudo-elements are not supported"
        }
        "InvalidPseudoElementInsideWhere" => {
            "pseudo-elements are not allowed inside `:is()`/`:where()`"
        }
        "InvalidState" => "this pseudo-class is not allowed here",
        "UnexpectedTokenInAttributeSelector" => {
            "unexpected character in an attribute selector: expected `]`, `=`, `~=`, `|=`, `^=`, `$=` or `*=`"
        }
        "PseudoElementExpectedColon" => "a pseudo-element needs `::`",
        "PseudoElementExpectedIdent" | "NoIdentForPseudo" => "a name is missing after `:`",
        "UnsupportedPseudoClassOrElement" => "unsupported pseudo-class or pseudo-element",
        "UnexpectedIdent" => "unexpected name",
        "ExpectedNamespace" => "unknown namespace prefix before `|` (no namespaces are declared)",
        "ExpectedBarInAttr" => "expected `|` in the attribute name",
        "BadValueInAttr" => "the attribute value must be a name or a quoted string",
        "InvalidQualNameInAttr" => "invalid attribute name",
        "ExplicitNamespaceUnexpectedToken" => "unexpected character after a namespace prefix",
        "ClassNeedsIdent" => "a class name is missing after `.`",
        _ => "",
    };
    if !known.is_empty() {
        return known.to_string();
    }
    // CamelCase to words: `SomeNewKind` -> "some new kind".
    let mut words = String::new();
    for c in name.chars() {
        if c.is_uppercase() && !words.is_empty() {
            words.push(' ');
        }
        words.extend(c.to_lowercase());
    }
    words
}

impl Cleaner {
    pub fn new(options: &Options) -> Result<Self> {
        let mut enabled = [true; 7];
        for g in RuleGroup::ALL {
            enabled[g as usize] = options.is_enabled(g);
        }
        Ok(Cleaner {
            enabled,
            iframe_hosts: crate::safety::EmbedHosts::new(&options.iframe_hosts),
            drop: compile(&options.drop_selectors)?,
            keep: compile(&options.keep_selectors)?,
        })
    }

    /// Parses `html` once and walks it once, without recursion.
    pub fn clean(&self, html: &str, base: Option<&Url>) -> Cleaned {
        // User selectors may ask for any attribute; the built-in rules read only a few.
        let attrs = if self.keep.is_empty() && self.drop.is_empty() {
            Attrs::Needed
        } else {
            Attrs::All
        };
        let doc = parse_fragment(html, attrs);
        self.clean_parsed(&doc, base, html.len())
    }

    fn clean_parsed(&self, doc: &Document, base: Option<&Url>, source_len: usize) -> Cleaned {
        let mut out = Cleaned::default();
        // Real posts average one node per 30-40 bytes of HTML.
        out.tree.nodes.reserve(source_len / 32);
        let nodes = &mut out.tree.nodes;
        let mut stack: Vec<Frame> = Vec::with_capacity(64);
        stack.push(Frame::root());
        let mut next = doc.first_child(NodeId::ROOT);
        // Legacy Quick Adsense writes no class: only a comment before the ad's div names it.
        let mut marked_ad: Option<NodeId> = None;
        let mut deferred: Vec<Deferred> = Vec::new();
        let mut recheck: Vec<usize> = Vec::new();
        // The elements the HTML writer will write around the current node (as it decides).
        let mut written: Vec<Tag> = Vec::new();
        let total_chars: u32;
        loop {
            let Some(node) = next else {
                // The top frame has no more children: close it.
                let frame = stack.pop().expect("frame stack is never empty here");
                if frame.wrote {
                    written.pop();
                }
                let Some(parent) = stack.last_mut() else {
                    total_chars = frame.chars;
                    break;
                };
                let pending = Pending {
                    deferred: &mut deferred,
                    recheck: &mut recheck,
                };
                self.close(doc, &frame, parent, nodes, &mut out.removed, pending);
                next = frame.node.and_then(|n| doc.next_sibling(n));
                continue;
            };
            let top = stack.last_mut().expect("frame stack is never empty here");
            match &doc.node(node).data {
                Data::Text(t) => {
                    let (mut words, chars) = text_size(t);
                    let bytes = t.as_bytes();
                    if top.glue && words > 0 && !bytes.first().is_some_and(|&b| is_word_break(b)) {
                        // Continues the word the previous text ended in.
                        words -= 1;
                    }
                    if let Some(&last) = bytes.last() {
                        top.glue = !is_word_break(last);
                    }
                    top.chars += chars;
                    if words > 0 {
                        top.content = true;
                        top.words += words;
                        if top.in_link {
                            top.link_words += words;
                        }
                    } else if !top.content && has_visible_text(t) {
                        top.content = true;
                    }
                    push_text(nodes, t, words);
                    next = doc.next_sibling(node);
                }
                Data::Element(el) => {
                    let tag: &str = &el.tag;
                    if matches!(tag, "html" | "body" | "head") {
                        // The fragment parser's own wrappers: transparent.
                        let frame = Frame {
                            node: Some(node),
                            ..Frame::root()
                        };
                        stack.push(frame);
                        next = doc.first_child(node);
                        continue;
                    }
                    let view = view_of(el);
                    let ctx = Context {
                        in_heading: top.heading.is_some(),
                        in_summary: top.in_summary,
                    };
                    let mut action = if marked_ad == Some(node) {
                        Some(Action::Drop(rules::QUICK_ADSENSE))
                    } else {
                        self.decide(doc, node, &view, ctx)
                    };
                    // An AdSense `<ins>` is empty in real markup; one with content is unclosed
                    // and has swallowed what follows it, which must not be lost with it.
                    if tag == "ins"
                        && action == Some(Action::Drop(rules::ADSENSE))
                        && doc
                            .children(node)
                            .any(|c| doc.element(c).is_some_and(|e| crate::dom::is_block(&e.tag)))
                    {
                        action = Some(Action::Unwrap(rules::ADSENSE));
                    }
                    // An element HTML cannot hold where it is (a heading in a heading, a block
                    // in a paragraph…) is left out of the output: leave it out here too, so
                    // that its text is sized as the output will read.
                    if action.is_none_or(|a| matches!(a, Action::Defer(..)))
                        && crate::dom::would_not_reparse(tag, &written)
                    {
                        let frame = Frame::unwrapped(node, top);
                        stack.push(frame);
                        next = doc.first_child(node);
                        continue;
                    }
                    match action {
                        Some(Action::Drop(rule)) => {
                            if tag == "script" && view.script_type.contains("ld+json") {
                                out.tree.json_ld.push(child_text(doc, node));
                            }
                            count(&mut out.removed, rule);
                            // An id-carrying marker inside a heading still names the heading.
                            if let (Some(h), false) = (top.heading, view.id.is_empty())
                                && rule.group == rules::Group::Builtin(RuleGroup::Toc)
                            {
                                set_anchor(&mut nodes[h], view.id);
                            }
                            top.removed = Some(rule);
                            next = doc.next_sibling(node);
                        }
                        Some(Action::Unwrap(rule)) => {
                            count(&mut out.removed, rule);
                            if let Some(h) = top.heading {
                                let id = if view.id.is_empty() {
                                    el.attr("name").unwrap_or("")
                                } else {
                                    view.id
                                };
                                if !id.is_empty() {
                                    set_anchor(&mut nodes[h], id);
                                }
                            }
                            let frame = Frame {
                                removed: Some(rule),
                                in_summary: top.in_summary || tag == "summary",
                                ..Frame::unwrapped(node, top)
                            };
                            stack.push(frame);
                            next = doc.first_child(node);
                        }
                        None | Some(Action::Defer(..)) => {
                            let defer = match action {
                                Some(Action::Defer(rule, guard)) => Some((rule, guard)),
                                _ => None,
                            };
                            let idx = nodes.len();
                            nodes.push(copy_element(el, base, &mut out.warnings));
                            if tag == "iframe"
                                && crate::safety::policy(
                                    tag,
                                    nodes[idx].attr("src"),
                                    &self.iframe_hosts,
                                ) != crate::safety::Policy::Keep
                            {
                                nodes.truncate(idx);
                                count(&mut out.removed, rules::FOREIGN_IFRAME);
                                next = doc.next_sibling(node);
                                continue;
                            }
                            let is_heading = crate::dom::heading_level(tag).is_some();
                            let content = is_content_element(tag);
                            if tag == "img" && nodes[idx].attr("src").is_none() {
                                // A lazy-loading placeholder with no real source behind it.
                                nodes.truncate(idx);
                                count(&mut out.removed, rules::PLACEHOLDER_IMAGE);
                                next = doc.next_sibling(node);
                                continue;
                            }
                            let wrote = !crate::dom::is_void(tag)
                                && crate::safety::policy(
                                    tag,
                                    nodes[idx].attr("src"),
                                    &self.iframe_hosts,
                                ) == crate::safety::Policy::Keep;
                            if wrote {
                                written.push(el.tag.clone());
                            }
                            let frame = Frame {
                                node: Some(node),
                                out: Some(idx),
                                wrote,
                                content,
                                heading: if is_heading { Some(idx) } else { top.heading },
                                in_summary: top.in_summary
                                    || tag == "summary"
                                    || nodes[idx].has_class("wp-block-accordion-heading"),
                                in_pre: top.in_pre || tag == "pre",
                                in_text_block: top.in_text_block || is_text_block(tag),
                                in_link: top.in_link || tag == "a",
                                defer,
                                glue: top.glue && !breaks_words(tag),
                                ..Frame::root()
                            };
                            stack.push(frame);
                            next = doc.first_child(node);
                        }
                    }
                }
                Data::Comment(c) => {
                    if self.enabled[RuleGroup::Ads as usize]
                        && c.to_ascii_lowercase()
                            .contains("quick adsense wordpress plugin")
                    {
                        marked_ad = doc
                            .next_siblings(node)
                            .find(|&n| doc.element(n).is_some_and(|e| e.tag == Tag::Div));
                    }
                    next = doc.next_sibling(node);
                }
                Data::Document | Data::Detached => next = doc.next_sibling(node),
            }
        }
        self.settle(&mut out, deferred, &recheck, total_chars);
        out
    }

    /// Removals that depend on the size of the whole post, and the text prompts that only
    /// show once those are gone.
    fn settle(
        &self,
        out: &mut Cleaned,
        mut deferred: Vec<Deferred>,
        recheck: &[usize],
        total_chars: u32,
    ) {
        if deferred.is_empty() {
            return;
        }
        deferred.sort_by_key(|d| d.index);
        let nodes = &mut out.tree.nodes;
        // Every removal so far, by index: (index, words, chars).
        let mut late: Vec<(usize, u32, u32)> = Vec::new();
        // The nodes inside removed subtrees (so that asking costs nothing per candidate).
        let mut gone = vec![false; nodes.len()];
        // Each removal shrinks the post, which can tip other guards, and can leave a box that
        // is only a prompt: repeat until nothing changes, so that cleaning the result again
        // decides the same (idempotence).
        for _ in 0..16 {
            let mut changed = false;
            for _ in 0..16 {
                let total = u64::from(total_chars)
                    .saturating_sub(removed_within(&late, nodes, 0, usize::MAX).1);
                let mut round = false;
                for d in &deferred {
                    if gone[d.index] {
                        continue;
                    }
                    // Its own size, less that of removals inside it.
                    let end = nodes[d.index].end as usize;
                    let (w, c) = removed_within(&late, nodes, d.index + 1, end);
                    let words = u64::from(d.words).saturating_sub(w);
                    let chars = u64::from(d.chars).saturating_sub(c);
                    let drop = match d.guard {
                        Guard::ShareOfPost(pct) => chars * 100 < u64::from(pct) * total,
                        // A block of some size (about 40 words) and a fifth of the post.
                        Guard::Hidden => !(chars >= 200 && chars * 100 >= 20 * total),
                        Guard::MaxWords(n) => words <= u64::from(n),
                    };
                    if drop {
                        // Its whole size: what its ancestors' sizes counted.
                        remove_late(&mut late, &mut gone, nodes, d.index, d.words, d.chars);
                        count(&mut out.removed, d.rule);
                        round = true;
                    }
                }
                if !round {
                    break;
                }
                changed = true;
            }
            // Boxes whose text became a prompt (innermost first, as the walk closes them).
            let mut prompts = false;
            for &i in recheck {
                if !changed && !prompts {
                    break;
                }
                if gone[i] {
                    continue;
                }
                let end = nodes[i].end as usize;
                if removed_within(&late, nodes, i + 1, end) == (0, 0) {
                    continue;
                }
                let live = live_text(nodes, i + 1, end);
                // Counted as the walk counted them (words running on through inline markup).
                let words: u32 = live_nodes(nodes, i + 1, end).map(|n| n.words).sum();
                let prompt = (words > 0
                    && words <= text_rules::MAX_WORDS
                    && text_rules::worth_reading(live.clone(), words, || {
                        long_words(live_nodes(nodes, i + 1, end))
                    }))
                .then(|| text_rules::prompt(&text_rules::normalise(live.clone()), words))
                .flatten()
                .map(|p| p.rule())
                .filter(|&r| self.on_rule(r));
                let related = || {
                    (matches!(&*nodes[i].tag, "p" | "li")
                        && self.on(RuleGroup::Related)
                        && is_related_link(live.clone(), words, live_link_words(nodes, i + 1, end)))
                    .then_some(rules::RELATED_LINK)
                };
                let found = prompt.or_else(related);
                drop(live);
                if let Some(rule) = found {
                    let (words, chars) = nodes[i..end]
                        .iter()
                        .filter(|n| n.is_text())
                        .map(|n| (n.words, text_size(&n.text).1))
                        .fold((0, 0), |(w, c), (a, b)| (w + a, c + b));
                    remove_late(&mut late, &mut gone, nodes, i, words, chars);
                    count(&mut out.removed, rule);
                    prompts = true;
                }
            }
            if !prompts {
                break;
            }
        }
    }

    fn decide(
        &self,
        doc: &Document,
        node: NodeId,
        view: &View<'_>,
        ctx: Context,
    ) -> Option<Action> {
        if self.keep.iter().any(|s| s.matches(doc, node)) {
            return None;
        }
        if self.drop.iter().any(|s| s.matches(doc, node)) {
            return Some(Action::Drop(rules::CUSTOM));
        }
        rules::classify(view, ctx, &self.enabled)
    }

    /// Finishes an element: records its extent, or drops it when nothing is left in it or
    /// its size and text show it is furniture.
    fn close(
        &self,
        doc: &Document,
        frame: &Frame,
        parent: &mut Frame,
        nodes: &mut Vec<Node>,
        removed: &mut Vec<(Rule, u32)>,
        mut pending: Pending<'_>,
    ) {
        let end = nodes.len();
        let Some(i) = frame.out else {
            // Unwrapped: its content belongs to the parent.
            parent.content |= frame.content;
            parent.words += frame.words;
            parent.link_words += frame.link_words;
            parent.chars += frame.chars;
            parent.dropped_words += frame.dropped_words;
            parent.box_prompt |= frame.box_prompt;
            parent.glue = frame.glue;
            if frame.removed.is_some() {
                parent.removed = frame.removed;
            }
            return;
        };
        let tag_atom = nodes[i].tag.clone();
        let tag = &*tag_atom;
        let related_next = std::mem::take(&mut parent.related_next);
        let mut drop = |nodes: &mut Vec<Node>, rule: Rule, parent: &mut Frame| {
            pending.cut(nodes, i);
            count(removed, rule);
            parent.removed = Some(rule);
        };
        if !frame.content && may_drop_when_empty(tag) && self.on(RuleGroup::Hidden) {
            // A wrapper left with nothing to show: report it under the rule that emptied it
            // (an AdSense `<p>` counts as AdSense), else as plain empty.
            let rule = match frame.removed {
                Some(r) if matches!(r.group, rules::Group::Builtin(_)) => r,
                _ => rules::EMPTY,
            };
            // An empty marker inside a heading still names it (a TOC plugin's span when the
            // toc group is off).
            if let Some(h) = frame.heading.filter(|&h| h < i)
                && let Some(id) = nodes[i].attr("id").map(str::to_string)
            {
                set_anchor(&mut nodes[h], &id);
            }
            // An inline spacer holding only white space (`opinión<span> </span>es`, common
            // in text pasted from Word) parts the words around it: its white space stays.
            let space = (!crate::dom::is_block(tag))
                .then(|| white_space(&nodes[i + 1..]))
                .flatten();
            pending.cut(nodes, i);
            if let Some(space) = space {
                push_text(nodes, &space, 0);
                parent.glue = false;
            }
            count(removed, rule);
            if frame.removed.is_some() {
                parent.removed = frame.removed;
            }
            return;
        }
        let words = frame.words;
        if let Some((rule, Guard::MaxWords(n))) = frame.defer
            && words <= n
        {
            drop(nodes, rule, parent);
            return;
        }
        if related_next
            && self.on(RuleGroup::Related)
            && matches!(tag, "ul" | "ol" | "div" | "section" | "nav" | "p")
            && words > 0
            && frame.link_words * 2 >= words
        {
            drop(nodes, rules::RELATED_LIST, parent);
            return;
        }
        // A wrapper around one child whose text was checked has nothing new to check.
        let unchecked = !(frame.checked_children == 1 && frame.checked_words == words);
        // Elements whose whole text may be a prompt.
        let prompt_box = words > 0
            && (is_text_block(tag)
                || matches!(tag, "div" | "section" | "header" | "footer" | "aside")
                || (!frame.in_text_block && is_inline_label(tag)));
        let eligible = prompt_box && words <= text_rules::MAX_WORDS;
        if eligible
            && unchecked
            && text_rules::worth_reading(text_pieces(&nodes[i + 1..]), words, || {
                long_words(nodes[i + 1..].iter())
            })
            && let Some(prompt) =
                text_rules::prompt(&text_rules::normalise(text_pieces(&nodes[i + 1..])), words)
            && self.on_rule(prompt.rule())
        {
            parent.dropped_words += words;
            parent.box_prompt |= prompt.marks_box();
            // A "Related posts" or "Table of contents" heading: a link list right after it
            // goes too.
            parent.related_next = matches!(
                prompt,
                text_rules::Prompt::Related | text_rules::Prompt::Toc
            );
            drop(nodes, prompt.rule(), parent);
            return;
        }
        // "Also read: <link>": a paragraph or list item that is a lead-in and a link to
        // another post. Headings are not matched: one of this form is sometimes part of the
        // article's outline.
        if matches!(tag, "p" | "li")
            && self.on(RuleGroup::Related)
            && is_related_link(text_pieces(&nodes[i + 1..]), words, frame.link_words)
        {
            parent.dropped_words += words;
            drop(nodes, rules::RELATED_LINK, parent);
            return;
        }
        // A caption that is only an image credit ("Image credit: …", "Source: site.com").
        if (tag == "figcaption" || nodes[i].has_class("wp-caption-text"))
            // A table's "Source:" line is data attribution, not an image credit.
            && !frame.node.is_some_and(|n| {
                doc.prev_siblings(n)
                    .chain(doc.next_siblings(n))
                    .any(|s| doc.element(s).is_some_and(|e| e.tag == Tag::Table))
            })
            && self.on(RuleGroup::Boilerplate)
            && text_rules::credit_only(&text_rules::normalise(text_pieces(&nodes[i + 1..])), words)
        {
            drop(nodes, rules::IMAGE_CREDIT, parent);
            return;
        }
        if eligible {
            parent.checked_words += words;
            parent.checked_children += 1;
        }
        if frame.box_prompt
            && self.on(RuleGroup::Boilerplate)
            && matches!(tag, "div" | "section" | "aside" | "footer" | "header")
            && words + frame.dropped_words <= 60
        {
            drop(nodes, rules::CTA_BOX, parent);
            return;
        }
        // Its text may still turn out to be a prompt once a size-guarded part inside it goes.
        if prompt_box && pending.deferred.last().is_some_and(|d| d.index > i) {
            pending.recheck.push(i);
        }
        // Still undecided (a word cap exceeded now may not be once removals inside it are
        // settled): decide after the walk.
        if let Some((rule, guard)) = frame.defer {
            pending.deferred.push(Deferred {
                index: i,
                words,
                chars: frame.chars,
                rule,
                guard,
            });
        }
        nodes[i].end = end as u32;
        // Text runs on through inline elements (which the HTML writer may also unwrap), as
        // it reads; a block or a line break ends the word.
        parent.glue = frame.glue && !breaks_words(tag);
        parent.content |= frame.content;
        parent.words += words;
        parent.link_words += frame.link_words;
        parent.chars += frame.chars;
    }

    fn on(&self, group: RuleGroup) -> bool {
        self.enabled[group as usize]
    }

    fn on_rule(&self, rule: Rule) -> bool {
        match rule.group {
            rules::Group::Builtin(g) => self.on(g),
            _ => true,
        }
    }
}

/// A block of `words` words, `link_words` of them in links, that is a lead-in ("Also read:")
/// and a link to another post.
fn is_related_link<'a>(
    pieces: impl Iterator<Item = &'a str> + Clone,
    words: u32,
    link_words: u32,
) -> bool {
    words <= 30
        && link_words > 0
        && text_rules::may_be_lead(pieces.clone())
        && text_rules::related_lead(&text_rules::normalise(pieces))
            .is_some_and(|lead| words > lead && (link_words + lead) * 4 >= words * 3)
}

/// Words in links among the nodes in `from..to`, skipping subtrees removed after the walk.
fn live_link_words(nodes: &[Node], from: usize, to: usize) -> u32 {
    let (mut words, mut skip_until, mut link_until) = (0, from, from);
    for (k, n) in nodes.iter().enumerate().take(to).skip(from) {
        if k < skip_until {
            continue;
        }
        if n.removed {
            skip_until = n.end as usize;
        } else if &*n.tag == "a" {
            link_until = link_until.max(n.end as usize);
        } else if n.is_text() && k < link_until {
            words += n.words;
        }
    }
    words
}

/// What `close` may add to or take from: size decisions for after the walk, and boxes to
/// check again for prompts after them.
struct Pending<'a> {
    deferred: &'a mut Vec<Deferred>,
    recheck: &'a mut Vec<usize>,
}

impl Pending<'_> {
    /// Drops element `i` (and all after it) from the output: decisions pending for elements
    /// inside it are moot.
    fn cut(&mut self, nodes: &mut Vec<Node>, i: usize) {
        nodes.truncate(i);
        while self.deferred.last().is_some_and(|d| d.index >= i) {
            self.deferred.pop();
        }
        while self.recheck.last().is_some_and(|&r| r >= i) {
            self.recheck.pop();
        }
    }
}

/// Marks a subtree removed after the walk and records its whole size (as the walk counted
/// it, removals inside included), which is what its ancestors' sizes hold.
fn remove_late(
    late: &mut Vec<(usize, u32, u32)>,
    gone: &mut [bool],
    nodes: &mut [Node],
    i: usize,
    words: u32,
    chars: u32,
) {
    nodes[i].removed = true;
    let at = late.partition_point(|l| l.0 < i);
    late.insert(at, (i, words, chars));
    let end = nodes[i].end as usize;
    gone[i..end].fill(true);
}
/// Words and characters of the outermost late removals in `from..to`.
fn removed_within(
    late: &[(usize, u32, u32)],
    nodes: &[Node],
    from: usize,
    to: usize,
) -> (u64, u64) {
    let (mut words, mut chars) = (0, 0);
    let mut until = from;
    for &(i, w, c) in &late[late.partition_point(|l| l.0 < from)..] {
        if i >= to {
            break;
        }
        if i >= until {
            words += u64::from(w);
            chars += u64::from(c);
            until = nodes[i].end as usize;
        }
    }
    (words, chars)
}

/// The text nodes in `from..to`, skipping subtrees removed after the walk.
fn live_nodes(nodes: &[Node], from: usize, to: usize) -> impl Iterator<Item = &Node> + Clone {
    let mut skip_until = from;
    (from..to).filter_map(move |k| {
        let n = &nodes[k];
        if k < skip_until {
            return None;
        }
        if n.removed {
            skip_until = n.end as usize;
            return None;
        }
        n.is_text().then_some(n)
    })
}

/// The text of the nodes in `from..to`, skipping subtrees removed after the walk.
fn live_text(nodes: &[Node], from: usize, to: usize) -> impl Iterator<Item = &str> + Clone {
    live_nodes(nodes, from, to).map(|n| &*n.text)
}

/// Elements whose text is one block: a paragraph, heading, list item…
fn is_text_block(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "dt"
            | "dd"
            | "td"
            | "th"
            | "figcaption"
            | "caption"
    )
}

/// Inline elements that, standing alone outside a paragraph, are labels or buttons.
fn is_inline_label(tag: &str) -> bool {
    matches!(
        tag,
        "span" | "a" | "strong" | "b" | "em" | "small" | "label"
    )
}

/// Whether any text node holds a word the long prompts need; each node is read once, and
/// remembers the answer for the boxes around it.
fn long_words<'a>(mut nodes: impl Iterator<Item = &'a Node>) -> bool {
    nodes.any(|n| {
        if !n.is_text() {
            return false;
        }
        if n.long_word.get() == 0 {
            n.long_word.set(if text_rules::has_long_word(&n.text) {
                2
            } else {
                1
            });
        }
        n.long_word.get() == 2
    })
}

/// The text nodes of a subtree.
fn text_pieces(nodes: &[Node]) -> impl Iterator<Item = &str> + Clone {
    nodes.iter().filter(|n| n.is_text()).map(|n| &*n.text)
}

/// Words (runs of bytes between ASCII white space) and non-space characters (`char::is_whitespace`)
/// of a text, in one pass over its bytes.
fn text_size(s: &str) -> (u32, u32) {
    let bytes = s.as_bytes();
    let (mut words, mut chars) = (0u32, 0u32);
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            let space = is_word_break(b);
            words += u32::from(!space && !in_word);
            in_word = !space;
            // Vertical tab is white space to `char` but not a word break.
            chars += u32::from(!space && b != 0x0b);
            i += 1;
        } else {
            // A multi-byte character: never a word break, white space only for a few.
            let c = s[i..].chars().next().unwrap_or(' ');
            words += u32::from(!in_word);
            in_word = true;
            chars += u32::from(!c.is_whitespace());
            i += c.len_utf8();
        }
    }
    (words, chars)
}

/// Elements that end a word: blocks, and void elements such as `br` and `img`.
fn breaks_words(tag: &str) -> bool {
    crate::dom::is_block(tag) || (crate::dom::is_void(tag) && tag != "wbr")
}

/// The bytes `count_words` splits words at.
fn is_word_break(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\t' | b'\r' | 0x0c)
}

/// Words (runs of non-space characters) in a text: what [`text_size`] counts, one character
/// at a time (its reference in tests).
#[cfg(test)]
fn count_words(s: &str) -> u32 {
    let mut n = 0;
    let mut in_word = false;
    for &b in s.as_bytes() {
        let space = is_word_break(b);
        if !space && !in_word {
            n += 1;
        }
        in_word = !space;
    }
    n
}

fn count(removed: &mut Vec<(Rule, u32)>, rule: Rule) {
    match removed.iter_mut().find(|(r, _)| *r == rule) {
        Some((_, n)) => *n += 1,
        None => removed.push((rule, 1)),
    }
}

fn set_anchor(heading: &mut Node, id: &str) {
    if heading.attr("id").is_none() && !rules::is_furniture_id(id) {
        heading.set_attr("id", id);
    }
}

fn push_text(nodes: &mut Vec<Node>, text: &StrTendril, words: u32) {
    let idx = nodes.len();
    nodes.push(Node {
        tag: Tag::Text,
        attrs: Vec::new(),
        text: text.clone(),
        end: idx as u32 + 1,
        words,
        removed: false,
        long_word: std::cell::Cell::new(0),
    });
}

/// The text of a subtree that shows nothing, when it holds white space (which parts words).
fn white_space(nodes: &[Node]) -> Option<StrTendril> {
    let mut text = StrTendril::new();
    for t in nodes.iter().filter(|n| n.is_text()) {
        text.push_tendril(&t.text);
    }
    text.chars().any(char::is_whitespace).then_some(text)
}

/// Text that a reader would see (not only spaces, no-break spaces, soft hyphens, zero-width).
pub(crate) fn has_visible_text(s: &str) -> bool {
    s.chars()
        .any(|c| !(c.is_whitespace() || crate::text::is_invisible(c)))
}

fn child_text(doc: &Document, node: NodeId) -> String {
    doc.children(node)
        .filter_map(|c| doc.node(c).text().map(|t| t.to_string()))
        .collect()
}

pub(crate) fn may_drop_when_empty(tag: &str) -> bool {
    !matches!(
        tag,
        "td" | "th"
            | "tr"
            | "thead"
            | "tbody"
            | "tfoot"
            | "col"
            | "colgroup"
            | "caption"
            | "br"
            | "wbr"
            | "img"
            | "hr"
            | "iframe"
            | "video"
            | "audio"
            | "source"
            | "track"
            | "embed"
            | "object"
            | "canvas"
            | "math"
            | "area"
    )
}

fn view_of(el: &Element) -> View<'_> {
    let mut v = View {
        tag: &el.tag,
        ..View::default()
    };
    for a in &el.attrs {
        let name: &str = &a.name;
        let value: &str = &a.value;
        match name {
            "class" => v.class = value,
            "id" => v.id = value,
            "style" => v.style = value,
            "hidden" => v.hidden = true,
            "data-index" => v.data_index = true,
            "src" => v.script_src = value,
            "type" => v.script_type = value,
            "role" => v.role = value,
            "aria-hidden" => v.aria_hidden = value.trim() == "true",
            _ => {
                if let Some(rest) = name.strip_prefix("data-") {
                    if let Some(prefix) = rest.strip_suffix("trackid") {
                        v.advads_prefix = Some(prefix);
                    } else if rest.starts_with("ad-slot")
                        || rest.starts_with("ad-client")
                        || rest == "google-query-id"
                    {
                        v.data_ad = true;
                    }
                }
            }
        }
    }
    v
}

/// Attributes worth keeping in the cleaned HTML and for extraction, as static names.
fn keep_attr(name: &str) -> Option<&'static str> {
    const KEEP: [&str; 22] = [
        "id", "class", "href", "alt", "title", "rel", "target", "colspan", "rowspan", "width",
        "height", "start", "reversed", "datetime", "cite", "lang", "dir", "scope", "open", "name",
        "controls", "poster",
    ];
    KEEP.iter().find(|k| **k == name).copied()
}

fn copy_element(el: &Element, base: Option<&Url>, warnings: &mut Vec<String>) -> Node {
    let tag: &str = &el.tag;
    let mut attrs: Vec<(&'static str, StrTendril)> = Vec::new();
    for a in &el.attrs {
        let value = &a.value;
        if let Some(name) = keep_attr(&a.name) {
            let value = match name {
                // URLs are written as a browser resolves them, and dropped when their scheme
                // could run code or no browser could follow them.
                "href" | "cite" | "poster" => {
                    let link = tag == "a" && name == "href";
                    let Some(href) = Href::parse(base, value) else {
                        if link {
                            warnings.push(format!(
                                "link {:?} is not a URL a browser can follow: left out",
                                value.trim()
                            ));
                        }
                        continue;
                    };
                    let safe = if name == "poster" {
                        safety::safe_media(href.url())
                    } else {
                        safety::safe_link(href.url())
                    };
                    if !safe {
                        continue;
                    }
                    if link {
                        warn_bare_host(value, &href, warnings);
                    }
                    StrTendril::from_slice(href.written())
                }
                _ => value.clone(),
            };
            attrs.push((name, value));
        }
    }
    if matches!(
        tag,
        "img" | "iframe" | "video" | "audio" | "source" | "embed"
    ) && let Some(src) = real_src(el).and_then(|s| Href::parse(base, s))
        && safety::safe_media(src.url())
    {
        attrs.push(("src", StrTendril::from_slice(src.written())));
    }
    attrs.sort_unstable_by(|a, b| a.0.cmp(b.0));
    Node {
        tag: el.tag.clone(),
        attrs,
        text: StrTendril::new(),
        end: 0,
        words: 0,
        removed: false,
        long_word: std::cell::Cell::new(0),
    }
}

/// Says so when a link reads as a host typed without `https://` (`www.example.org/page`): it
/// stays the relative link a browser makes of it, but the author probably meant another site.
fn warn_bare_host(written: &str, href: &Href<'_>, warnings: &mut Vec<String>) {
    if let Some(host) = crate::href::bare_host(written) {
        let written = written.trim();
        warnings.push(format!(
            "link {written:?} has no scheme: a browser reads it as {}; \
             write https://{written} if {host} was meant",
            href.written(),
        ));
    }
}

/// Whether a media source is a web URL (`http(s)`, or relative): placeholders such as
/// `data:` and `about:blank` are passed over for the next candidate.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_size_agrees_with_char_counts() {
        for s in [
            "",
            "  a  bc\td\n",
            "caf\u{e9} na\u{ef}ve\u{a0}x \u{2003}y",
            "\u{b}v\u{b} \u{3000}\u{85}z",
            "\u{ad}\u{200b}",
        ] {
            let chars = s.chars().filter(|c| !c.is_whitespace()).count() as u32;
            assert_eq!(text_size(s), (count_words(s), chars), "{s:?}");
        }
    }
}
