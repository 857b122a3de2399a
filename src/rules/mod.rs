//! The element rules, as data.
//!
//! [`table`] lists every built-in rule as rows a reader can scan: a rule (group and name), a
//! key (exact class, class prefix, class word, id, tag, attribute, inline style…), an action
//! and, for the less certain ones, a size guard. [`compile`] turns rows into lookups once:
//! hash tables for exact names, sorted prefixes, one Aho-Corasick automaton for the words
//! inside class names (its patterns are the rows' own words), and [`Rules::classify`] runs
//! them in a fixed order of phases for every element. The caller's rows ([`RuleRow`], from
//! [`Options::rules`](crate::Options::rules)) compile the same way and are tried first.
//!
//! The rules the decision pass applies once an element is measured are rows too, listed in
//! the table: the text prompts with their word caps ([`prompts`]) and the rules that need an
//! element's size with their thresholds ([`measured`]).

pub(crate) mod accordion;
mod coded;
pub(crate) mod compile;
mod group;
pub(crate) mod measured;
pub(crate) mod prompts;
mod row;
pub(crate) mod shape;
pub(crate) mod table;
#[cfg(test)]
mod tests;

use crate::dom::tree::{Attr, Element};
use crate::error::Result;

pub(crate) use group::Group;
pub use group::{RuleGroup, RuleGroups};
pub use row::{RuleAction, RuleContext, RuleGuard, RuleMatch, RuleRow};
pub(crate) use table::*;

/// A rule's identity: reported in [`Removal`](crate::Removal).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Rule {
    pub group: Group,
    pub name: &'static str,
}

/// What the cleaner does with an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Action {
    /// Remove the element and everything in it.
    Drop(Rule),
    /// Remove the element but keep its children (its id may become a heading anchor).
    Unwrap(Rule),
    /// Remove the element only if the guard agrees once its size is known.
    Defer(Rule, Guard),
}

/// What the rows say of an element, once one of them fires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// It stays, whatever later rows would say (a keep row, or a row whose group is off and
    /// keeps what it matches).
    Keep,
    /// This happens to it.
    Act(Action),
}

impl Verdict {
    /// The action, if the verdict is one.
    pub fn action(self) -> Option<Action> {
        match self {
            Verdict::Keep => None,
            Verdict::Act(a) => Some(a),
        }
    }
}

/// When a deferred removal happens. Class names of builders and themes are less certain than
/// a plugin's own: the guard keeps a matched element that turns out to be the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Guard {
    /// Remove if it holds at most this many words.
    MaxWords(u32),
    /// Remove unless it holds at least this percentage of the post's text (counted in
    /// non-space characters, which removals elsewhere cannot shift).
    ShareOfPost(u8),
    /// Hidden by inline style: remove unless it is large (at least `keep_chars` non-space
    /// characters and `keep_percent` of the post's): a tab or accordion panel that scripts
    /// reveal.
    Hidden { keep_chars: u32, keep_percent: u8 },
}

/// The parts of an element the rules look at, gathered in one pass over its attributes.
#[derive(Debug, Default)]
pub(crate) struct View<'a> {
    pub tag: &'a str,
    /// The tag is one of running text ([`Tag::is_running_text`](crate::dom::Tag::is_running_text)).
    pub running_text: bool,
    pub class: &'a str,
    pub id: &'a str,
    pub style: &'a str,
    pub hidden: bool,
    pub data_index: bool,
    /// An attribute named `data-{prefix}trackid` (Advanced Ads), with its prefix.
    pub advads_prefix: Option<&'a str>,
    pub data_ad: bool,
    pub script_src: &'a str,
    pub script_type: &'a str,
    pub role: &'a str,
    pub aria_hidden: bool,
    /// Every attribute the tree kept (all of them when a caller's rule reads attributes).
    pub attrs: &'a [Attr],
    /// The accordion part the class names, once looked up.
    pub accordion: AccordionLookup,
}

impl<'a> View<'a> {
    pub fn classes(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        self.class.split_ascii_whitespace()
    }

    pub fn has_class(&self, class: &str) -> bool {
        self.classes().any(|c| c == class)
    }

    /// The accordion part the class names, if any.
    pub fn accordion_part(&self) -> Option<accordion::Part> {
        match self.accordion {
            AccordionLookup::NotYet => accordion::part(self.class).map(|(_, p)| p),
            AccordionLookup::NoPart => None,
            AccordionLookup::Part(p) => Some(p),
        }
    }
}

/// What a [`View`] knows of the accordion part its classes name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum AccordionLookup {
    /// Not looked up yet (a view built by hand): [`View::accordion_part`] looks it up.
    #[default]
    NotYet,
    NoPart,
    Part(accordion::Part),
}

/// The [`View`] of an element.
pub(crate) fn view_of(el: &Element) -> View<'_> {
    let mut v = View {
        tag: el.tag.as_str(),
        running_text: el.tag.is_running_text(),
        attrs: &el.attrs,
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
    v.accordion = match accordion::part(v.class) {
        Some((_, p)) => AccordionLookup::Part(p),
        None => AccordionLookup::NoPart,
    };
    v
}

/// Context from the ancestors that some rules need.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Context {
    /// Inside an `h1`–`h6`.
    pub in_heading: bool,
    /// Inside a `summary` or an accordion heading.
    pub in_summary: bool,
}

/// The rules of one [`Extractor`](crate::Extractor): the caller's rows, then the built-in
/// table, with the groups that are switched off.
#[derive(Debug)]
pub(crate) struct Rules {
    user: Option<compile::Compiled>,
    builtin: &'static compile::Compiled,
    enabled: RuleGroups,
}

impl Rules {
    /// Compiles the caller's rows (the built-in table is compiled once per process);
    /// `enabled` holds the groups that are on.
    pub fn new(rows: &[RuleRow], enabled: RuleGroups) -> Result<Self> {
        let user = if rows.is_empty() {
            None
        } else {
            let rows = row::to_rows(rows)?;
            Some(compile::Compiled::new(rows, false))
        };
        Ok(Rules {
            user,
            builtin: compile::builtin(),
            enabled,
        })
    }

    /// Whether a caller's rule reads attributes that the tree keeps only on request.
    pub fn needs_all_attributes(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.reads_attributes())
    }

    /// Decides what to do with an element, or `None` to keep it.
    pub fn classify(&self, v: &View<'_>, ctx: Context) -> Option<Action> {
        if let Some(user) = &self.user
            && let Some(verdict) = user.classify(v, ctx, self.enabled)
        {
            return verdict.action();
        }
        if let Some(verdict) = accordion_part(v) {
            return verdict.action().filter(|a| self.enabled_rule(*a));
        }
        self.builtin
            .classify(v, ctx, self.enabled)
            .and_then(Verdict::action)
            // Inside an accordion pane, a wrapper named like a button holds the question.
            .filter(|a| {
                !(ctx.in_summary
                    && matches!(a, Action::Defer(r, _) if *r == BUTTON || *r == BUILDER_BUTTON))
            })
    }

    fn enabled_rule(&self, a: Action) -> bool {
        let (Action::Drop(r) | Action::Unwrap(r) | Action::Defer(r, _)) = a;
        match r.group {
            Group::Builtin(g) => self.enabled.contains(g),
            _ => true,
        }
    }
}

/// Accordion and toggle parts (the families of [`accordion`]), decided before the
/// table: a question button is unwrapped (its text is the question), every other part kept
/// however it is hidden (the accordion's own script collapses it), an open/close icon
/// dropped. `None` when the element is no accordion part.
fn accordion_part(v: &View<'_>) -> Option<Verdict> {
    let Some(part) = v.accordion_part() else {
        return (v.tag == "button" && accordion::names_a_question(v.class))
            .then_some(Verdict::Act(Action::Unwrap(BUTTON)));
    };
    Some(match part {
        accordion::Part::Icon => Verdict::Act(Action::Drop(ICON)),
        _ if v.tag == "button" => Verdict::Act(Action::Unwrap(BUTTON)),
        _ => Verdict::Keep,
    })
}

/// Whether an id alone would make a rule remove its element (so it must not be moved onto a
/// heading as its anchor).
pub(crate) fn is_furniture_id(id: &str) -> bool {
    compile::builtin().is_furniture_id(id)
}
