//! What a row of the rule table is: what it is looked up by ([`Key`], in the order of the
//! phases), which tags it applies to, where an element must sit, what it does, and what
//! it does with its group switched off. The built-in rows are in `table.rs`, the caller's
//! are read into the same shape by `row.rs`.

use super::measured::SizeRule;
use super::prompts::PromptRow;
use super::{Guard, Rule};

/// One row: what it matches, what it does, and under which conditions.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    /// The rule reported when the row fires (its group switches it off).
    pub rule: Rule,
    /// What the row is looked up by; this also sets its phase.
    pub key: Key,
    /// The element's tag must be one of these.
    pub tags: Tags,
    /// A coded condition the element (or, for class keys, the class) must also pass.
    pub test: Option<Test>,
    /// Where the element must sit.
    pub context: When,
    /// What happens to the element.
    pub does: Does,
    /// The size check a removal waits for.
    pub guard: Option<Guard>,
    /// What the row does when its group is switched off.
    pub off: WhenOff,
}

/// What a row does when its group is switched off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WhenOff {
    /// It keeps the element: switching `toc` off keeps TOC boxes rather than letting a
    /// looser rule take them.
    Keeps,
    /// It steps aside, and later rows decide.
    StepsAside,
    /// It fires all the same: a script is never content, the group only names it.
    Fires,
}

/// What a row is looked up by. The phases run in this order, and the first row that fires
/// decides; within a phase, rows fire in table order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Key {
    /// Phase 1: The element's tag is one of these.
    Tag(Vec<Box<str>>),
    /// Phase 2 (for each class in order, the first of: exact, numbered, prefix, test,
    /// suffix): a class equal to this.
    Class(Box<str>),
    /// Phase 2: A class made of this and one or more digits.
    ClassNumbered(Box<str>),
    /// Phase 2: A class starting with this; the longest matching prefix decides.
    ClassPrefix(Box<str>),
    /// Phase 2: A class passing the row's test.
    ClassTest,
    /// Phase 2: A class ending with this, and longer than it.
    ClassSuffix(Box<str>),
    /// Phase 3: The element passes the row's test.
    ElementTest,
    /// Phase 4 (for each class in order): a class holding one of these words, compared by
    /// `Mode` (lower-cased). Classes WordPress writes on every post ([`POST_CLASSES`]) and classes
    /// shorter than three letters are not looked at.
    ClassWord(Vec<Box<str>>, Mode),
    /// Phase 5: An id holding one of these words (lower-cased).
    IdWord(Vec<Box<str>>, Mode),
    /// Phase 6: The id equals this.
    Id(Box<str>),
    /// Phase 6: The id starts with this; the longest matching prefix decides.
    IdPrefix(Box<str>),
    /// Phase 7: Any id.
    AnyId,
    /// Phase 8: An attribute the element view records.
    Flag(Flag),
    /// Phase 8: An attribute of this name (callers' rules).
    Attribute(Box<str>),
    /// Phase 8: An inline style of this kind.
    Style(StyleKind),
    /// Phase 8: An inline style declaring this property with this value (callers' rules).
    StyleDecl(Box<str>, Box<str>),
    /// Decided by the decision pass: a short block whose whole text is this prompt.
    Text(&'static PromptRow),
    /// Decided by the decision pass: an element of this size.
    Size(&'static SizeRule),
    /// Listed only: decided by the decision pass on the way down (the output policy, the
    /// caller's selectors).
    Walk(&'static str),
}

/// How a [`Key::ClassWord`] or [`Key::IdWord`] word is compared with a class or id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Anywhere inside.
    Contains,
    /// As a part delimited by the start, the end, `-` or `_` (`btn` in `big-btn`).
    Word,
    /// At the start.
    Prefix,
    /// The whole name.
    Exact,
    /// The word and then one or more digits.
    Numbered,
}

/// Which tags a row applies to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Tags {
    Any,
    Only(Vec<Box<str>>),
    /// Tags of running text ([`Tag::is_running_text`]): inside a sentence, only labels and
    /// buttons are furniture.
    Inline,
    /// Every tag but those.
    Block,
}

/// Where an element must sit for a row to fire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum When {
    Anywhere,
    InHeading,
    InSummary,
    InHeadingOrSummary,
}

/// What a row does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Does {
    Drop,
    Unwrap,
    /// Keeps the element whatever later rows say (callers' rules).
    Keep,
}

/// Attributes the element view records as flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flag {
    /// `data-{prefix}trackid` (Advanced Ads).
    AdvadsTrackid,
    /// `data-ad-slot…`, `data-ad-client…`, `data-google-query-id` (AdSense units).
    AdData,
    /// The `hidden` attribute.
    Hidden,
}

/// What an inline style does to its element (the first that applies, in this order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StyleKind {
    /// `display: none` or `visibility: hidden`.
    Hidden,
    /// Zero height and font size with `clear: both`: the div Quick Adsense closes every
    /// post with.
    ZeroClear,
    /// Zero height and font size.
    ZeroSize,
}

/// Conditions that are code, not names (each explained where it is evaluated, in
/// `coded.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Test {
    /// A `script` loading AdSense.
    AdsenseScript,
    /// Icon-font classes, or an `icon` class hidden from screen readers.
    IconFont,
    /// The element also has this class.
    HasClass(&'static str),
    /// The class does not start with this.
    Unless(&'static str),
    /// 32 hex digits on an element with `data-index` (Quick Adsense).
    HexWithDataIndex,
    /// `{prefix}target` beside `data-{prefix}trackid` (Advanced Ads).
    AdvadsTarget,
    /// `id="{p}{8+ digits}"` with a class `{p}{name}` (an Advanced Ads placement).
    AdvadsPlacement,
    /// "share" not followed by "d" ("shared" is not a share bar).
    NotShared,
    /// An author box: `author` then box, bio, about…, or after about, single, post….
    AuthorBox,
    /// Post meta: `byline`, or `post-meta`, `entry_meta`, `article-item-meta`….
    PostMeta,
    /// A dialog, pop-up or form: hidden, it is never content.
    Dialog,
}
