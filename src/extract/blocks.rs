//! The block model the walk produces: the article as a run of blocks (headings, paragraphs,
//! list items, code, captions, tables, rules), each with its text, its Markdown and its part
//! in FAQ markup, and everything else the walk collects.

use crate::article::{Heading, Image, Link, List, Table};

/// What a block of text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BlockKind {
    Heading {
        level: u8,
        heading: usize,
    },
    Paragraph,
    ListItem {
        ordered: bool,
        depth: u8,
        number: u32,
    },
    Code,
    Caption,
    Table(usize),
    Rule,
}

/// The role a block plays in FAQ markup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    None,
    Question(u32),
    Answer(u32),
}

/// One block of the article: a heading, a paragraph, a list item, a table…
#[derive(Debug, Clone)]
pub(crate) struct Block {
    pub kind: BlockKind,
    /// Plain text, whitespace normalised (verbatim for code).
    pub text: String,
    /// Inline Markdown.
    pub md: String,
    /// Blockquote depth.
    pub quote: u8,
    pub role: Role,
}

/// An FAQ container met during the walk (a Yoast or Rank Math item, a `details`, an
/// accordion pane).
#[derive(Debug, Clone)]
pub(crate) struct FaqGroup {
    /// Yoast, Rank Math and the FAQ plugins' blocks are FAQs wherever they are; `details`
    /// and accordions only inside an FAQ section or a container named "faq", or when their
    /// panes read as questions.
    pub explicit: bool,
    pub in_faq_container: bool,
    /// The accordion the pane belongs to (an index into the walk's accordions), when its
    /// container is known.
    pub accordion: Option<u32>,
    /// The accordion family of the table in `rules/accordion.rs` that made the group.
    pub family: Option<&'static str>,
    /// The id a link to this pane lands on: the pane's, else its question's or answer's.
    pub anchor: Option<String>,
    /// The id of its accordion.
    pub accordion_anchor: Option<String>,
}

/// Everything the walk produced.
#[derive(Debug, Default)]
pub(crate) struct Extracted {
    pub blocks: Vec<Block>,
    pub headings: Vec<Heading>,
    pub links: Vec<Link>,
    pub images: Vec<Image>,
    pub lists: Vec<List>,
    pub tables: Vec<Table>,
    pub faq_groups: Vec<FaqGroup>,
    pub warnings: Vec<String>,
}
