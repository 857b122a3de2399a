//! The rows of [`SIZE_RULES`](crate::rules::measured::SIZE_RULES) applied to an element the
//! pass leaves: each reads the element's measure and what its children were, and says
//! whether the element goes.

use super::{Frame, Pass, count, set_anchor};
use crate::clean::measure::Measure;
use crate::clean::rules::{self, Guard, Rule};
use crate::clean::text_rules::{self, Prompt};
use crate::dom::Tag;
use crate::rules::measured::SizeRule;

/// An element the pass is leaving, measured.
pub(super) struct Leaving {
    pub tag: Tag,
    /// The measure of its children, all decided.
    pub inner: Measure,
    /// Whether its whole text may be a prompt: a text block, a prompt box or an inline label
    /// outside a text block, with words, no more than the longest prompt's cap.
    pub prompt_box: bool,
    /// The previous sibling was a "Related posts" or "Table of contents" prompt.
    pub related_next: bool,
}

/// What a row says of the element.
pub(super) enum Step {
    /// Nothing: the next row decides.
    Pass,
    /// Removed with its content, reported under this rule.
    Cut(Rule),
    /// Dealt with by the row itself.
    Done,
}

impl Pass<'_> {
    /// Applies one row to the element `frame` is for.
    pub(super) fn apply(
        &mut self,
        row: &SizeRule,
        frame: &Frame,
        parent: &mut Frame,
        at: &Leaving,
    ) -> Step {
        let words = at.inner.words;
        let cut_if = |yes: bool, rule: Rule| if yes { Step::Cut(rule) } else { Step::Pass };
        match *row {
            SizeRule::Empty { rule } => self.empty(rule, frame, parent, at),
            SizeRule::WordCap => match frame.defer {
                Some((rule, Guard::MaxWords(n))) => cut_if(words <= n, rule),
                _ => Step::Pass,
            },
            SizeRule::RelatedList {
                rule,
                tags,
                min_link_percent,
            } => cut_if(
                at.related_next
                    && self.cleaner.on_rule(rule)
                    && tags.contains(&at.tag)
                    && words > 0
                    && percent(at.inner.link_words)
                        >= u64::from(words) * u64::from(min_link_percent),
                rule,
            ),
            SizeRule::Prompt => self.prompt(frame, parent, at),
            SizeRule::RelatedLink {
                rule,
                tags,
                max_words,
                min_lead_and_link_percent,
            } => {
                let fires = tags.contains(&at.tag)
                    && self.cleaner.on_rule(rule)
                    && words <= max_words
                    && at.inner.link_words > 0
                    && self.is_related_link(frame, at, min_lead_and_link_percent);
                if fires {
                    parent.dropped_words += words;
                }
                cut_if(fires, rule)
            }
            SizeRule::ImageCredit { rule, max_words } => {
                let el = self.doc.element(frame.node).expect("an element");
                if (at.tag == Tag::Figcaption || el.has_class("wp-caption-text"))
                    && self.cleaner.on_rule(rule)
                    && text_rules::credit_only(
                        &text_rules::normalise(self.pieces(frame.node)),
                        words,
                        max_words,
                    )
                {
                    // Decided with its siblings (`settle_credits`).
                    self.credits.push(frame.node);
                }
                Step::Pass
            }
            SizeRule::CtaBox {
                rule,
                tags,
                max_words,
            } => cut_if(
                frame.box_prompt
                    && self.cleaner.on_rule(rule)
                    && tags.contains(&at.tag)
                    && words + frame.dropped_words <= max_words,
                rule,
            ),
            SizeRule::ShareGuard => match frame.defer {
                Some((rule, guard)) => cut_if(self.small_for(guard, at.inner.chars), rule),
                None => Step::Pass,
            },
        }
    }

    /// A wrapper left with nothing to show goes, reported under the built-in rule that
    /// emptied it, else under `rule`.
    fn empty(&mut self, rule: Rule, frame: &Frame, parent: &mut Frame, at: &Leaving) -> Step {
        if at.inner.shows || !at.tag.may_drop_when_empty() || !self.cleaner.on_rule(rule) {
            return Step::Pass;
        }
        let node = frame.node;
        let rule = match frame.removed {
            Some(r) if matches!(r.group, rules::Group::Builtin(_)) => r,
            _ => rule,
        };
        // An empty marker inside a heading still names it (a TOC plugin's span when the toc
        // group is off).
        if let Some(h) = frame.heading.filter(|&h| h != node)
            && let Some(id) = self.doc.element(node).and_then(|e| e.attr("id"))
        {
            let id = id.to_string();
            set_anchor(self.doc, h, &id);
        }
        count(&mut self.out.removed, rule);
        if frame.removed.is_some() {
            parent.removed = frame.removed;
        }
        self.remove(node, parent.in_pre);
        Step::Done
    }

    /// A block whose whole text is a prompt (and was not checked as one child already).
    fn prompt(&mut self, frame: &Frame, parent: &mut Frame, at: &Leaving) -> Step {
        let (node, words) = (frame.node, at.inner.words);
        let unchecked = !(frame.checked_children == 1 && frame.checked_words == words);
        if !(at.prompt_box
            && unchecked
            && text_rules::worth_reading(self.pieces(node), words, || self.long_words(node)))
        {
            return Step::Pass;
        }
        let Some(prompt) = text_rules::prompt(&text_rules::normalise(self.pieces(node)), words)
        else {
            return Step::Pass;
        };
        if !self.cleaner.on_rule(prompt.rule()) {
            return Step::Pass;
        }
        parent.dropped_words += words;
        parent.box_prompt |= prompt.marks_box();
        // A "Related posts" or "Table of contents" heading: a link list right after it goes
        // too.
        parent.related_next = matches!(prompt, Prompt::Related | Prompt::Toc);
        Step::Cut(prompt.rule())
    }

    /// Whether the element is a lead-in ("Also read:") and a link, the two together making
    /// at least `min_percent` of its words.
    fn is_related_link(&self, frame: &Frame, at: &Leaving, min_percent: u32) -> bool {
        let (words, link_words) = (at.inner.words, at.inner.link_words);
        let pieces = self.pieces(frame.node);
        text_rules::may_be_lead(pieces.clone())
            && text_rules::related_lead(&text_rules::normalise(pieces)).is_some_and(|lead| {
                words > lead
                    && percent(link_words + lead) >= u64::from(words) * u64::from(min_percent)
            })
    }

    /// Whether an element of `chars` non-space characters is small enough for a share-of-post
    /// guard to remove it.
    fn small_for(&self, guard: Guard, chars: u32) -> bool {
        let (chars, total) = (u64::from(chars), u64::from(self.total_chars));
        match guard {
            Guard::ShareOfPost(pct) => chars * 100 < u64::from(pct) * total,
            Guard::Hidden {
                keep_chars,
                keep_percent,
            } => {
                !(chars >= u64::from(keep_chars) && chars * 100 >= u64::from(keep_percent) * total)
            }
            Guard::MaxWords(_) => false,
        }
    }
}

/// `n` times a hundred, to compare with a count times a percentage.
fn percent(n: u32) -> u64 {
    u64::from(n) * 100
}
