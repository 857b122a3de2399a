//! The rules that need an element's size, as rows: the decision pass applies them when it
//! leaves an element, once all its children are decided and measured, in the order of
//! [`SIZE_RULES`]; the first that removes the element ends the walk through them. What
//! removes content by its size, and at which size, is read here.

use super::{CTA_BOX, EMPTY, IMAGE_CREDIT, RELATED_LINK, RELATED_LIST, Rule};
use crate::dom::Tag;

/// A rule decided by an element's measure (its words, the words inside links, its
/// characters) and by what its children were.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum SizeRule {
    /// A wrapper left with nothing to show (of a tag that may be dropped when empty):
    /// reported under the built-in rule that emptied it (an AdSense `<p>` counts as
    /// AdSense), else under `rule`.
    Empty { rule: Rule },
    /// The word cap ([`Guard::MaxWords`](super::Guard::MaxWords)) of the table row that
    /// matched the element: removed if it holds at most that many words.
    WordCap,
    /// A list of links right after a "Related posts" or "Table of contents" prompt: one of
    /// `tags` with words, at least `min_link_percent` of them inside links.
    RelatedList {
        rule: Rule,
        tags: &'static [Tag],
        min_link_percent: u32,
    },
    /// A block whose whole text is a prompt: the rows of [`super::prompts::PROMPTS`], each
    /// with its word cap. Looked for in text blocks, in [`PROMPT_BOXES`] and in inline
    /// labels standing outside a text block.
    Prompt,
    /// A lead-in ("Also read:", [`RELATED_LEAD`]) and a link to another post: one of `tags`
    /// with at most `max_words` words, some in links, and the lead-in's words and the link's
    /// together at least `min_lead_and_link_percent` of them. Headings are not matched: one
    /// of this form is sometimes part of the article's outline.
    RelatedLink {
        rule: Rule,
        tags: &'static [Tag],
        max_words: u32,
        min_lead_and_link_percent: u32,
    },
    /// A caption that is only an image credit ([`CREDIT`], at most `max_words` words),
    /// removed with its siblings decided: a table's "Source:" line beside it is data
    /// attribution, and stays.
    ImageCredit { rule: Rule, max_words: u32 },
    /// A small box (one of `tags`) around a newsletter, follow or related prompt: at most
    /// `max_words` words, the prompt's words counted.
    CtaBox {
        rule: Rule,
        tags: &'static [Tag],
        max_words: u32,
    },
    /// The share-of-post guards ([`Guard::ShareOfPost`](super::Guard::ShareOfPost),
    /// [`Guard::Hidden`](super::Guard::Hidden)) of the table row that matched the element.
    ShareGuard,
}

impl SizeRule {
    /// The rule the row reports, when it is its own (the table's rows and the prompts
    /// report theirs).
    pub fn rule(&self) -> Option<Rule> {
        match self {
            SizeRule::Empty { rule }
            | SizeRule::RelatedList { rule, .. }
            | SizeRule::RelatedLink { rule, .. }
            | SizeRule::ImageCredit { rule, .. }
            | SizeRule::CtaBox { rule, .. } => Some(*rule),
            SizeRule::WordCap | SizeRule::Prompt | SizeRule::ShareGuard => None,
        }
    }
}

/// Every rule that needs an element's size, in the order the decision pass applies them.
pub(crate) const SIZE_RULES: &[SizeRule] = &[
    SizeRule::Empty { rule: EMPTY },
    SizeRule::WordCap,
    SizeRule::RelatedList {
        rule: RELATED_LIST,
        tags: &[Tag::Ul, Tag::Ol, Tag::Div, Tag::Section, Tag::Nav, Tag::P],
        min_link_percent: 50,
    },
    SizeRule::Prompt,
    SizeRule::RelatedLink {
        rule: RELATED_LINK,
        tags: &[Tag::P, Tag::Li],
        max_words: 30,
        min_lead_and_link_percent: 75,
    },
    SizeRule::ImageCredit {
        rule: IMAGE_CREDIT,
        max_words: 8,
    },
    SizeRule::CtaBox {
        rule: CTA_BOX,
        tags: &[Tag::Div, Tag::Section, Tag::Aside, Tag::Footer, Tag::Header],
        max_words: 60,
    },
    SizeRule::ShareGuard,
];

/// Containers whose whole text may be a prompt, besides text blocks and inline labels.
pub(crate) const PROMPT_BOXES: &[Tag] =
    &[Tag::Div, Tag::Section, Tag::Header, Tag::Footer, Tag::Aside];

/// A lead-in to a link to another post ("Also read:", "Related:"), over a block's
/// normalised text with leading punctuation trimmed.
pub(crate) const RELATED_LEAD: &str = r"^(also read|read also|also see|see also|related|related (posts?|articles?|reading|stories|content)|read more|more reading|further reading|recommended( reading)?|must read|don't miss|don’t miss|you (might|may) also (like|enjoy)|read next|keep reading) ?:";

/// An image credit ("Image credit: Wareable", "Source: statista.com"), over a caption's
/// normalised and trimmed text.
pub(crate) const CREDIT: &str = r"^\(?((image|photo|photograph|picture|featured image|header image|img) )?(credits?|source|courtesy( of)?) ?:";
