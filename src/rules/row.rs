//! The caller's rules: rows of the same table the built-in rules are written in, given in
//! [`Options::rules`](crate::Options::rules) or read from a TOML or JSON file (`--rules`).

use std::sync::Mutex;

use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};

use super::shape::{Does, Key, Mode, Row, Tags, When, WhenOff};
use super::{Group, Guard, Rule};
use super::{RuleGroup, RuleGroups};
use crate::error::{Error, ErrorKind, Result};

/// One rule of the caller's: what to match, what to do with it, and when.
///
/// Rows are tried before the built-in rules, in their order, phase by phase as the built-in
/// table is (tags, then classes, then words in classes, then ids, then attributes and inline
/// styles); the first that matches decides. What a row removes is reported in
/// [`Article::removed`](crate::Article::removed) under its group (`custom` unless it names
/// one, in which case switching that group off switches the row off too) and its name.
///
/// In a file (TOML shown; JSON has the same keys, `{"rule": [{…}, …]}`), the matcher is one
/// key among `class`, `class_prefix`, `class_word`, `id`, `id_prefix`, `tag`, `attribute`
/// and `style`; `tag` beside another matcher narrows it to that tag:
///
/// ```toml
/// [[rule]]
/// name = "theme-promo"
/// class_prefix = "mytheme-promo"
///
/// [[rule]]
/// name = "newsletter-aside"
/// group = "forms"
/// class_word = "signup"
/// tag = "aside"
/// max_words = 80
/// ```
///
/// The same rows in code:
///
/// ```
/// use wpclean::{Extractor, Options, Post, RuleGroup, RuleGuard, RuleMatch, RuleRow};
///
/// let options = Options::default()
///     .rule(RuleRow::new("theme-promo", RuleMatch::ClassPrefix("mytheme-promo".into())))
///     .rule(
///         RuleRow::new("newsletter-aside", RuleMatch::ClassWord("signup".into()))
///             .group(RuleGroup::Forms)
///             .tag("aside")
///             .guard(RuleGuard::MaxWords(80)),
///     );
/// let html = "<p>Kept.</p><div class=\"mytheme-promo-box\">Buy the book!</div>";
/// let article = Extractor::new(&options)?.extract(&Post::from_html(html, None));
/// assert_eq!(article.text, "Kept.");
/// assert_eq!(article.removed[0].rule, "theme-promo");
/// assert_eq!(article.removed[0].group, "custom");
/// # Ok::<(), wpclean::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "FileRow", into = "FileRow")]
#[non_exhaustive]
pub struct RuleRow {
    /// The name reported in [`Removal::rule`](crate::Removal::rule).
    pub name: String,
    /// The built-in group the row belongs to (`None`: group `custom`, always on).
    pub group: Option<RuleGroup>,
    /// What the row matches.
    pub matcher: RuleMatch,
    /// Only elements with this tag (lower case), beside a matcher that is not a tag.
    pub tag: Option<String>,
    /// What happens to a matched element.
    pub action: RuleAction,
    /// A size check the removal waits for (with [`RuleAction::Drop`] only).
    pub guard: Option<RuleGuard>,
    /// Where a matched element must sit.
    pub context: RuleContext,
}

/// What a [`RuleRow`] matches.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RuleMatch {
    /// An element with this class (compared exactly, as HTML does).
    Class(String),
    /// An element with a class starting with this.
    ClassPrefix(String),
    /// An element with a class holding this word between the start, the end, `-` or `_`
    /// (`promo` matches `site-promo_box`, not `promotion`), in any case.
    ClassWord(String),
    /// An element with this id.
    Id(String),
    /// An element whose id starts with this.
    IdPrefix(String),
    /// Every element with this tag (`aside`, `figure`…).
    Tag(String),
    /// Every element with an attribute of this name (`data-promo`).
    Attribute(String),
    /// Every element whose inline style holds this declaration (`display: none`), property
    /// and value compared in any case, `!important` ignored.
    Style(String),
}

/// What a [`RuleRow`] does with the elements it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum RuleAction {
    /// Remove the element and everything in it.
    #[default]
    Drop,
    /// Remove the element but keep what it holds.
    Unwrap,
    /// Keep the element, whatever a later rule (a built-in one included) would say.
    Keep,
}

/// A size check a [`RuleRow`] removal waits for: a matched element that turns out to hold
/// the article stays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RuleGuard {
    /// Remove only if it holds at most this many words.
    MaxWords(u32),
    /// Remove unless it holds at least this percentage of the post's text.
    ShareOfPost(u8),
}

/// Where an element must sit for a [`RuleRow`] to match it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RuleContext {
    /// Anywhere.
    #[default]
    Anywhere,
    /// Inside a heading (`h1`–`h6`).
    InHeading,
    /// Inside a `summary` or an accordion heading.
    InSummary,
}

impl RuleRow {
    /// A row that drops what `matcher` matches, in group `custom`, anywhere, without guard.
    pub fn new(name: impl Into<String>, matcher: RuleMatch) -> Self {
        RuleRow {
            name: name.into(),
            group: None,
            matcher,
            tag: None,
            action: RuleAction::Drop,
            guard: None,
            context: RuleContext::Anywhere,
        }
    }

    /// Sets what the row does.
    pub fn action(mut self, action: RuleAction) -> Self {
        self.action = action;
        self
    }

    /// Puts the row in a built-in group (reported under it, switched off with it).
    pub fn group(mut self, group: RuleGroup) -> Self {
        self.group = Some(group);
        self
    }

    /// Narrows the row to elements with this tag.
    pub fn tag(mut self, tag: impl Into<String>) -> Self {
        self.tag = Some(tag.into());
        self
    }

    /// Makes the removal wait for a size check.
    pub fn guard(mut self, guard: RuleGuard) -> Self {
        self.guard = Some(guard);
        self
    }

    /// Sets where a matched element must sit.
    pub fn context(mut self, context: RuleContext) -> Self {
        self.context = context;
        self
    }

    /// What is wrong with the row, in words.
    fn problem(&self) -> Option<String> {
        if self.name.trim().is_empty() {
            return Some("the rule has no `name`".into());
        }
        let (key, value) = self.matcher.key_and_value();
        if value.trim().is_empty() {
            return Some(format!("`{key}` is empty"));
        }
        if key != "style" && value.contains(char::is_whitespace) {
            return Some(format!(
                "`{key}` = {value:?} holds white space: one name per rule"
            ));
        }
        if let RuleMatch::Style(decl) = &self.matcher
            && decl
                .split_once(':')
                .is_none_or(|(p, v)| p.trim().is_empty() || v.trim().is_empty() || v.contains(';'))
        {
            return Some(format!(
                "`style` = {decl:?} is not one declaration `property: value` (as in \"display: none\")"
            ));
        }
        if matches!(self.matcher, RuleMatch::Tag(_)) && self.tag.is_some() {
            return Some("`tag` is given twice (as the matcher and as a filter)".into());
        }
        if let Some(tag) = &self.tag
            && (tag.trim().is_empty() || tag.contains(char::is_whitespace))
        {
            return Some(format!("`tag` = {tag:?} is not a tag name"));
        }
        if self.guard.is_some() && self.action != RuleAction::Drop {
            return Some(
                "a guard (`max_words`, `share_of_post`) only goes with `action = \"drop\"`".into(),
            );
        }
        if let Some(RuleGuard::ShareOfPost(p)) = self.guard
            && p > 100
        {
            return Some(format!(
                "`share_of_post` = {p} is more than 100 (a percentage)"
            ));
        }
        None
    }

    /// The row as the table writes it.
    fn to_row(&self) -> Row {
        let lower = |s: &str| -> Box<str> { s.trim().to_ascii_lowercase().into() };
        let exact = |s: &str| -> Box<str> { s.trim().into() };
        let key = match &self.matcher {
            RuleMatch::Class(c) => Key::Class(exact(c)),
            RuleMatch::ClassPrefix(p) => Key::ClassPrefix(exact(p)),
            RuleMatch::ClassWord(w) => Key::ClassWord(vec![lower(w)], Mode::Word),
            RuleMatch::Id(id) => Key::Id(exact(id)),
            RuleMatch::IdPrefix(p) => Key::IdPrefix(exact(p)),
            RuleMatch::Tag(t) => Key::Tag(vec![lower(t)]),
            RuleMatch::Attribute(a) => Key::Attribute(lower(a)),
            RuleMatch::Style(decl) => {
                let (p, v) = decl.split_once(':').unwrap_or((decl, ""));
                Key::StyleDecl(lower(p), lower(v.trim().trim_end_matches("!important")))
            }
        };
        Row {
            rule: Rule {
                group: self.group.map_or(Group::Custom, Group::Builtin),
                name: intern(self.name.trim()),
            },
            key,
            tags: self
                .tag
                .as_deref()
                .map_or(Tags::Any, |t| Tags::Only(vec![lower(t)])),
            test: None,
            context: match self.context {
                RuleContext::Anywhere => When::Anywhere,
                RuleContext::InHeading => When::InHeading,
                RuleContext::InSummary => When::InSummary,
            },
            does: match self.action {
                RuleAction::Drop => Does::Drop,
                RuleAction::Unwrap => Does::Unwrap,
                RuleAction::Keep => Does::Keep,
            },
            guard: self.guard.map(|g| match g {
                RuleGuard::MaxWords(n) => Guard::MaxWords(n),
                RuleGuard::ShareOfPost(p) => Guard::ShareOfPost(p),
            }),
            off: WhenOff::StepsAside,
        }
    }
}

impl RuleMatch {
    /// The file key that writes this matcher, and its value.
    fn key_and_value(&self) -> (&'static str, &str) {
        match self {
            RuleMatch::Class(s) => ("class", s),
            RuleMatch::ClassPrefix(s) => ("class_prefix", s),
            RuleMatch::ClassWord(s) => ("class_word", s),
            RuleMatch::Id(s) => ("id", s),
            RuleMatch::IdPrefix(s) => ("id_prefix", s),
            RuleMatch::Tag(s) => ("tag", s),
            RuleMatch::Attribute(s) => ("attribute", s),
            RuleMatch::Style(s) => ("style", s),
        }
    }
}

/// The caller's rows as table rows, or the first one that is wrong.
pub(crate) fn to_rows(rows: &[RuleRow]) -> Result<Vec<Row>> {
    rows.iter()
        .enumerate()
        .map(|(index, row)| match row.problem() {
            Some(reason) => Err(Error::new(ErrorKind::Rule {
                index,
                name: row.name.clone(),
                reason,
            })),
            None => Ok(row.to_row()),
        })
        .collect()
}

/// A rule's name for the life of the process, as rule names are (`Rule` is a small copyable
/// value): each distinct name is stored once, however many extractors use it.
fn intern(name: &str) -> &'static str {
    static NAMES: Mutex<Option<FxHashSet<&'static str>>> = Mutex::new(None);
    let mut names = NAMES.lock().unwrap_or_else(|e| e.into_inner());
    let names = names.get_or_insert_with(FxHashSet::default);
    if let Some(&known) = names.get(name) {
        return known;
    }
    let stored: &'static str = Box::leak(name.into());
    names.insert(stored);
    stored
}

/// A row as a file writes it: the matcher is one key among several, the guard two.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct FileRow {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    class: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    class_prefix: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    class_word: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    id_prefix: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tag: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    attribute: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    style: Option<String>,
    action: RuleAction,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_words: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    share_of_post: Option<u8>,
    context: RuleContext,
}

const MATCHERS: &str =
    "`class`, `class_prefix`, `class_word`, `id`, `id_prefix`, `tag`, `attribute`, `style`";

impl TryFrom<FileRow> for RuleRow {
    type Error = String;

    fn try_from(f: FileRow) -> std::result::Result<Self, String> {
        let group = match f.group.as_deref() {
            None | Some("custom") => None,
            Some(g) => Some(RuleGroup::from_name(g).ok_or_else(|| {
                let names: Vec<_> = RuleGroups::ALL.iter().map(RuleGroup::name).collect();
                format!(
                    "unknown `group` {g:?} (one of {}, custom)",
                    names.join(", ")
                )
            })?),
        };
        let given: Vec<(&str, String)> = [
            ("class", f.class),
            ("class_prefix", f.class_prefix),
            ("class_word", f.class_word),
            ("id", f.id),
            ("id_prefix", f.id_prefix),
            ("attribute", f.attribute),
            ("style", f.style),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v)))
        .collect();
        let (matcher, tag) = match (given.as_slice(), f.tag) {
            ([], None) => return Err(format!("the rule matches nothing: give one of {MATCHERS}")),
            ([], Some(tag)) => (RuleMatch::Tag(tag), None),
            ([(key, value)], tag) => {
                let value = value.clone();
                let m = match *key {
                    "class" => RuleMatch::Class(value),
                    "class_prefix" => RuleMatch::ClassPrefix(value),
                    "class_word" => RuleMatch::ClassWord(value),
                    "id" => RuleMatch::Id(value),
                    "id_prefix" => RuleMatch::IdPrefix(value),
                    "attribute" => RuleMatch::Attribute(value),
                    _ => RuleMatch::Style(value),
                };
                (m, tag)
            }
            (many, _) => {
                let keys: Vec<_> = many.iter().map(|(k, _)| format!("`{k}`")).collect();
                return Err(format!(
                    "give one matcher per rule, not {} (split it into several rules)",
                    keys.join(" and ")
                ));
            }
        };
        let guard = match (f.max_words, f.share_of_post) {
            (Some(_), Some(_)) => {
                return Err("give `max_words` or `share_of_post`, not both".into());
            }
            (Some(n), None) => Some(RuleGuard::MaxWords(n)),
            (None, Some(p)) => Some(RuleGuard::ShareOfPost(p)),
            (None, None) => None,
        };
        let row = RuleRow {
            name: f.name,
            group,
            matcher,
            tag,
            action: f.action,
            guard,
            context: f.context,
        };
        match row.problem() {
            Some(p) => Err(p),
            None => Ok(row),
        }
    }
}

impl From<RuleRow> for FileRow {
    fn from(r: RuleRow) -> Self {
        let mut f = FileRow {
            name: r.name,
            group: r.group.map(|g| g.name().to_string()),
            tag: r.tag,
            action: r.action,
            context: r.context,
            ..FileRow::default()
        };
        match r.matcher {
            RuleMatch::Class(s) => f.class = Some(s),
            RuleMatch::ClassPrefix(s) => f.class_prefix = Some(s),
            RuleMatch::ClassWord(s) => f.class_word = Some(s),
            RuleMatch::Id(s) => f.id = Some(s),
            RuleMatch::IdPrefix(s) => f.id_prefix = Some(s),
            RuleMatch::Tag(s) => f.tag = Some(s),
            RuleMatch::Attribute(s) => f.attribute = Some(s),
            RuleMatch::Style(s) => f.style = Some(s),
        }
        match r.guard {
            Some(RuleGuard::MaxWords(n)) => f.max_words = Some(n),
            Some(RuleGuard::ShareOfPost(p)) => f.share_of_post = Some(p),
            None => {}
        }
        f
    }
}
