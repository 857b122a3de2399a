//! The FAQ marks of the walk: accordions (the table in `rules/accordion.rs`), their panes, the
//! Yoast and Rank Math FAQ items and `details`, each an FAQ group whose blocks are its
//! question or its answer.

use super::{FaqGroup, FaqMark, Role, Walker};
use crate::dom::Tag;
use crate::dom::tree::NodeId;
use crate::rules::accordion;

/// The class names the FAQ extraction looks for, read in one pass over the class attribute.
#[derive(Default)]
struct FaqClasses {
    /// The container of one question and its answer (Yoast, Rank Math, accordion pane).
    group: bool,
    /// A question inside such a container.
    question: bool,
    /// The part of an accordion of the table in `rules/accordion.rs`, with its family.
    accordion: Option<(&'static accordion::Family, accordion::Part)>,
}

fn faq_classes(class: &str) -> FaqClasses {
    let mut f = FaqClasses {
        accordion: accordion::part(class),
        ..FaqClasses::default()
    };
    match f.accordion {
        Some((_, accordion::Part::Pane)) => f.group = true,
        Some((_, accordion::Part::Question)) => f.question = true,
        _ => {}
    }
    for c in class.split_ascii_whitespace() {
        match c {
            "schema-faq-section" | "rank-math-list-item" | "rank-math-faq-item" => f.group = true,
            "schema-faq-question" | "rank-math-question" => f.question = true,
            _ => {}
        }
    }
    f
}

/// An accordion container open during the walk.
pub(super) struct OpenAccordion {
    pub(super) id: u32,
    pub(super) family: &'static accordion::Family,
    pub(super) anchor: Option<String>,
    /// Depth of the group stack when it opened: a question met at this depth has no pane
    /// element and starts a pane of its own, running to the next question.
    pub(super) groups_at_open: usize,
    /// The group of such a pane, while it runs.
    pub(super) sibling: Option<u32>,
}

impl Walker<'_> {
    /// Marks element `i` (its `tag` and `class`) as an accordion, an FAQ group or a question
    /// when it is one, opening what it opens.
    pub(super) fn open_faq(&mut self, i: NodeId, tag: &Tag, class: &str) -> FaqMark {
        let node = self.el(i);
        let mut faq_mark = FaqMark::None;
        let faq_classes = faq_classes(class);
        let id = node.attr("id").map(str::trim).filter(|s| !s.is_empty());
        if let Some((family, accordion::Part::Container)) = faq_classes.accordion {
            self.flush();
            // Nested containers of one accordion (a block wrapper and the plugin's own
            // divs) share the outer one's id.
            let outer = self
                .accordions
                .last()
                .filter(|a| std::ptr::eq(a.family, family))
                .and_then(|a| a.anchor.clone());
            self.accordions.push(OpenAccordion {
                id: self.accordion_count,
                family,
                anchor: id.map(str::to_string).or(outer),
                groups_at_open: self.faq_group.len(),
                sibling: None,
            });
            self.accordion_count += 1;
            faq_mark = FaqMark::Accordion;
        }
        // … the container of one question and its answer …
        if faq_classes.group || *tag == Tag::Details {
            self.flush();
            let family = faq_classes.accordion.map(|(f, _)| f);
            // A pane of a known accordion inside a `details` of its own (CoBlocks, Otter)
            // is one group: the `details` opens none.
            let nested_details = *tag == Tag::Details
                && self.faq_group.last().is_some_and(|&g| {
                    self.out.faq_groups[g as usize].family.is_some() && !self.blocks_since_group(g)
                });
            if !nested_details {
                self.open_group(
                    family,
                    id,
                    faq_classes.accordion.is_none() && *tag != Tag::Details,
                );
                faq_mark = FaqMark::Group;
            }
        } else if *tag == Tag::Summary || faq_classes.question {
            // … and the question inside it. A question of a pane-less accordion (its answer
            // follows as a sibling) starts a pane.
            if let Some(acc) = self.accordions.last()
                && faq_classes.accordion.is_some()
                && self.faq_question == 0
                && (self.faq_group.len() == acc.groups_at_open
                    || (self.faq_group.len() == acc.groups_at_open + 1
                        && acc.sibling == self.faq_group.last().copied()))
            {
                let running = acc.sibling.is_some();
                self.flush();
                if running {
                    self.faq_group.pop();
                    self.faq_asking.pop();
                }
                let family = faq_classes.accordion.map(|(f, _)| f);
                self.open_group(family, None, false);
                if let Some(acc) = self.accordions.last_mut() {
                    acc.sibling = self.faq_group.last().copied();
                }
            }
            if let Some(&g) = self.faq_group.last() {
                self.flush();
                self.faq_question += 1;
                faq_mark = FaqMark::Question;
                if self.out.faq_groups[g as usize].anchor.is_none() {
                    // Its own id, else the first inside it.
                    let inner = || {
                        self.doc
                            .descendants(i)
                            .filter_map(|d| self.doc.element(d))
                            .find_map(|n| n.attr("id").map(str::trim).filter(|s| !s.is_empty()))
                    };
                    let found = id.or_else(inner).map(str::to_string);
                    self.out.faq_groups[g as usize].anchor = found;
                }
            }
        } else if faq_classes
            .accordion
            .is_some_and(|(_, p)| p == accordion::Part::Answer)
            && let Some(&g) = self.faq_group.last()
        {
            self.flush();
            if let Some(asking) = self.faq_asking.last_mut() {
                *asking = false;
            }
            let anchor = &mut self.out.faq_groups[g as usize].anchor;
            if anchor.is_none() {
                *anchor = id.map(str::to_string);
            }
        }
        faq_mark
    }

    /// Closes what [`Walker::open_faq`] opened.
    pub(super) fn close_faq(&mut self, mark: FaqMark) {
        match mark {
            FaqMark::None => {}
            FaqMark::Group => {
                self.flush();
                self.faq_group.pop();
                self.faq_asking.pop();
            }
            FaqMark::Question => {
                self.flush();
                self.faq_question -= 1;
                if self.faq_question == 0
                    && let Some(asking) = self.faq_asking.last_mut()
                {
                    *asking = false;
                }
            }
            FaqMark::Accordion => {
                self.flush();
                if let Some(acc) = self.accordions.pop()
                    && acc.sibling.is_some()
                {
                    self.faq_group.pop();
                    self.faq_asking.pop();
                }
            }
        }
    }

    /// Opens the FAQ group of a pane (or an FAQ plugin's item, or a `details`).
    fn open_group(
        &mut self,
        family: Option<&'static accordion::Family>,
        id: Option<&str>,
        explicit: bool,
    ) {
        let acc = self.accordions.last();
        let group = FaqGroup {
            explicit: explicit || family.is_some_and(|f| f.faq),
            in_faq_container: self.faq_container > 0,
            accordion: acc.map(|a| a.id),
            family: family.or(acc.map(|a| a.family)).map(|f| f.name),
            anchor: id.map(str::to_string),
            accordion_anchor: acc.and_then(|a| a.anchor.clone()),
        };
        self.out.faq_groups.push(group);
        self.faq_group.push(self.out.faq_groups.len() as u32 - 1);
        self.faq_asking.push(family.is_some());
    }

    /// Whether a block was already written into group `g`.
    fn blocks_since_group(&self, g: u32) -> bool {
        self.out
            .blocks
            .iter()
            .rev()
            .take_while(|b| b.role != Role::None)
            .any(|b| matches!(b.role, Role::Question(x) | Role::Answer(x) if x == g))
    }
}
