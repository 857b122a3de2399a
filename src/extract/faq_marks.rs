//! The FAQ marks of the walk: accordions (the table in `rules/accordion.rs`), their panes, the
//! Yoast and Rank Math FAQ items and `details`, each an FAQ group whose blocks are its
//! question or its answer. [`FaqState`] is what the walk knows of them at each point.

use super::{FaqGroup, Role, Walker};
use crate::dom::Tag;
use crate::dom::tree::NodeId;
use crate::rules::accordion;

/// What an open element is in FAQ markup (besides being a heading, `strong`…): what its
/// close must end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FaqMark {
    None,
    Group,
    Question,
    /// An accordion container (`rules/accordion.rs`).
    Accordion,
}

/// The FAQ marks open at a point of the walk.
#[derive(Default)]
pub(super) struct FaqState {
    /// The FAQ groups open (indices into the walk's `faq_groups`), innermost last.
    group: Vec<u32>,
    /// Per open group: its blocks are still the question. A pane of the accordion table
    /// starts so (its question may be an unwrapped button with no class left) until its
    /// question element closes or its answer opens.
    asking: Vec<bool>,
    /// Question elements open.
    question: u32,
    /// Elements open whose class or id names an FAQ.
    container: u32,
    accordions: Vec<OpenAccordion>,
    /// Accordions met so far (the next one's id).
    accordion_count: u32,
}

/// An accordion container open during the walk.
struct OpenAccordion {
    id: u32,
    family: &'static accordion::Family,
    anchor: Option<String>,
    /// Depth of the group stack when it opened: a question met at this depth has no pane
    /// element and starts a pane of its own, running to the next question.
    groups_at_open: usize,
    /// The group of such a pane, while it runs.
    sibling: Option<u32>,
}

impl FaqState {
    /// An element whose class or id names an FAQ opens.
    pub(super) fn enter_named(&mut self) {
        self.container += 1;
    }

    /// Such an element closes.
    pub(super) fn leave_named(&mut self) {
        self.container -= 1;
    }

    /// The role of a block written now.
    pub(super) fn role(&self) -> Role {
        let asking = self.question > 0 || self.asking.last() == Some(&true);
        match self.group.last() {
            Some(&g) if asking => Role::Question(g),
            Some(&g) => Role::Answer(g),
            None => Role::None,
        }
    }

    fn close_group(&mut self) {
        self.group.pop();
        self.asking.pop();
    }
}

/// Whether a class or id names an FAQ ("faq", "rank-math-faq"…).
pub(super) fn is_faq_name(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr2_iter(b'f', b'F', b).any(|i| {
        b.get(i + 1..i + 3)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"aq"))
    })
}

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

impl FaqClasses {
    fn family(&self) -> Option<&'static accordion::Family> {
        self.accordion.map(|(f, _)| f)
    }
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

impl Walker<'_> {
    /// Marks element `i` (its `tag` and `class`) as an accordion, an FAQ group or a question
    /// when it is one, opening what it opens.
    pub(super) fn open_faq(&mut self, i: NodeId, tag: &Tag, class: &str) -> FaqMark {
        let classes = faq_classes(class);
        let id = self
            .el(i)
            .attr("id")
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let mut mark = FaqMark::None;
        if let Some((family, accordion::Part::Container)) = classes.accordion {
            self.open_accordion(family, id);
            mark = FaqMark::Accordion;
        }
        // … the container of one question and its answer …
        if classes.group || *tag == Tag::Details {
            if self.open_pane(&classes, tag, id) {
                mark = FaqMark::Group;
            }
        } else if *tag == Tag::Summary || classes.question {
            // … and the question inside it.
            if self.open_question(i, &classes, id) {
                mark = FaqMark::Question;
            }
        } else if classes
            .accordion
            .is_some_and(|(_, p)| p == accordion::Part::Answer)
            && let Some(&g) = self.faq.group.last()
        {
            self.open_answer(g, id);
        }
        mark
    }

    /// Closes what [`Walker::open_faq`] opened.
    pub(super) fn close_faq(&mut self, mark: FaqMark) {
        match mark {
            FaqMark::None => {}
            FaqMark::Group => {
                self.flush();
                self.faq.close_group();
            }
            FaqMark::Question => {
                self.flush();
                self.faq.question -= 1;
                if self.faq.question == 0
                    && let Some(asking) = self.faq.asking.last_mut()
                {
                    *asking = false;
                }
            }
            FaqMark::Accordion => {
                self.flush();
                if let Some(acc) = self.faq.accordions.pop()
                    && acc.sibling.is_some()
                {
                    self.faq.close_group();
                }
            }
        }
    }

    /// An accordion container of `family` (with this `id`) opens.
    fn open_accordion(&mut self, family: &'static accordion::Family, id: Option<&str>) {
        self.flush();
        // Nested containers of one accordion (a block wrapper and the plugin's own divs)
        // share the outer one's id.
        let outer = self
            .faq
            .accordions
            .last()
            .filter(|a| std::ptr::eq(a.family, family))
            .and_then(|a| a.anchor.clone());
        self.faq.accordions.push(OpenAccordion {
            id: self.faq.accordion_count,
            family,
            anchor: id.map(str::to_string).or(outer),
            groups_at_open: self.faq.group.len(),
            sibling: None,
        });
        self.faq.accordion_count += 1;
    }

    /// A pane, an FAQ plugin's item or a `details` opens; whether it opened a group.
    fn open_pane(&mut self, classes: &FaqClasses, tag: &Tag, id: Option<&str>) -> bool {
        self.flush();
        // A pane of a known accordion inside a `details` of its own (CoBlocks, Otter) is one
        // group: the `details` opens none.
        let nested_details = *tag == Tag::Details
            && self.faq.group.last().is_some_and(|&g| {
                self.out.faq_groups[g as usize].family.is_some() && !self.blocks_since_group(g)
            });
        if nested_details {
            return false;
        }
        let explicit = classes.accordion.is_none() && *tag != Tag::Details;
        self.open_group(classes.family(), id, explicit);
        true
    }

    /// A question element (element `i`, with this `id`) opens; whether it is one of an open
    /// group. A question of a pane-less accordion (its answer follows as a sibling) starts a
    /// pane.
    fn open_question(&mut self, i: NodeId, classes: &FaqClasses, id: Option<&str>) -> bool {
        if let Some(acc) = self.faq.accordions.last()
            && classes.accordion.is_some()
            && self.faq.question == 0
            && (self.faq.group.len() == acc.groups_at_open
                || (self.faq.group.len() == acc.groups_at_open + 1
                    && acc.sibling == self.faq.group.last().copied()))
        {
            let running = acc.sibling.is_some();
            self.flush();
            if running {
                self.faq.close_group();
            }
            self.open_group(classes.family(), None, false);
            if let Some(acc) = self.faq.accordions.last_mut() {
                acc.sibling = self.faq.group.last().copied();
            }
        }
        let Some(&g) = self.faq.group.last() else {
            return false;
        };
        self.flush();
        self.faq.question += 1;
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
        true
    }

    /// The answer of group `g` opens (with this `id`): its blocks are no longer the question.
    fn open_answer(&mut self, g: u32, id: Option<&str>) {
        self.flush();
        if let Some(asking) = self.faq.asking.last_mut() {
            *asking = false;
        }
        let anchor = &mut self.out.faq_groups[g as usize].anchor;
        if anchor.is_none() {
            *anchor = id.map(str::to_string);
        }
    }

    /// Opens the FAQ group of a pane (or an FAQ plugin's item, or a `details`).
    fn open_group(
        &mut self,
        family: Option<&'static accordion::Family>,
        id: Option<&str>,
        explicit: bool,
    ) {
        let acc = self.faq.accordions.last();
        let group = FaqGroup {
            explicit: explicit || family.is_some_and(|f| f.faq),
            in_faq_container: self.faq.container > 0,
            accordion: acc.map(|a| a.id),
            family: family.or(acc.map(|a| a.family)).map(|f| f.name),
            anchor: id.map(str::to_string),
            accordion_anchor: acc.and_then(|a| a.anchor.clone()),
        };
        self.out.faq_groups.push(group);
        self.faq.group.push(self.out.faq_groups.len() as u32 - 1);
        self.faq.asking.push(family.is_some());
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
