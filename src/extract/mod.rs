//! Extraction: one walk of the cleaned tree that produces the block model (for text,
//! Markdown, sections and FAQ), headings, links, images, lists, tables and the cleaned HTML.
//!
//! The walk itself is here: the walker's state, the loop that enters and leaves elements,
//! and how inline text becomes blocks. What each kind of element does when it opens and
//! closes is in `elements.rs` (headings, code, quotes, figures…), `lists.rs`, `table.rs`
//! and `links.rs`; the FAQ marks it carries are in `faq_marks.rs`.

mod blocks;
pub(crate) mod comments;
mod elements;
mod embed;
pub(crate) mod faq;
mod faq_marks;
mod inline;
mod links;
mod lists;
mod table;

pub(crate) use blocks::{Block, BlockKind, Extracted, FaqGroup, Role};

use std::collections::HashSet;

use url::Url;

use crate::article::Link;
use crate::dom::tree::{Data, Document, Element, NodeId};
use crate::dom::walk::{Step, Walk};
use elements::{FigureCtx, OpenElement};
use faq_marks::FaqState;
use inline::Inline;
use lists::ListCtx;
use table::TableBuilder;

struct Walker<'a> {
    doc: &'a Document,
    page: Option<&'a Url>,
    host: Option<String>,
    out: Extracted,
    inline: Inline,
    open: Vec<OpenElement>,
    heading: Option<(u8, usize)>,
    lists: Vec<ListCtx>,
    /// Index in `lists[..].items` of the open list item, per list depth.
    items: Vec<Option<usize>>,
    pre: u32,
    quote: u8,
    tables: Vec<TableBuilder>,
    figures: Vec<FigureCtx>,
    link_text: Vec<(NodeId, String)>,
    faq: FaqState,
    anchors: HashSet<String>,
    max_table_cells: usize,
}

/// Walks the content of `root` once.
pub(crate) fn extract(
    doc: &Document,
    root: NodeId,
    page: Option<&Url>,
    max_table_cells: usize,
) -> Extracted {
    let mut w = Walker {
        doc,
        page,
        host: page.and_then(crate::href::site_name).map(str::to_string),
        out: Extracted::default(),
        inline: Inline::default(),
        open: Vec::new(),
        heading: None,
        lists: Vec::new(),
        items: Vec::new(),
        pre: 0,
        quote: 0,
        tables: Vec::new(),
        figures: Vec::new(),
        link_text: Vec::new(),
        faq: FaqState::default(),
        anchors: HashSet::new(),
        max_table_cells,
    };
    w.inline.text.reserve(4096);
    w.inline.md.reserve(4096);
    let mut walk = Walk::nodes(root);
    while let Some(step) = walk.next(doc) {
        match step {
            Step::Enter(node) => match &doc.node(node).data {
                Data::Text(t) => w.text(t),
                Data::Element(_) => {
                    if let Some(e) = embed::detect(doc, node) {
                        // An embed is one line; what it holds is not read.
                        w.embed(e);
                        walk.skip_children(doc);
                    } else if !w.open_element(node) {
                        walk.skip_children(doc);
                    }
                }
                _ => {}
            },
            // Only the elements opened (not embeds, not void elements) are closed.
            Step::Leave(node) => {
                if w.open.last().is_some_and(|o| o.index == node)
                    && let Some(o) = w.open.pop()
                {
                    w.close(o);
                }
            }
        }
    }
    w.flush();
    w.out
}

impl<'a> Walker<'a> {
    /// The element `id` (the walk opens only elements).
    fn el(&self, id: NodeId) -> &'a Element {
        self.doc.element(id).expect("an element")
    }

    /// Whether text goes into a cell of a data table.
    fn in_cell(&self) -> bool {
        self.tables.last().is_some_and(|t| t.in_cell())
    }

    fn text(&mut self, s: &str) {
        let pre = self.pre > 0;
        if let Some(cell) = self.tables.last_mut().filter(|t| t.in_cell() && !pre) {
            cell.push_text(s);
            return;
        }
        self.inline.push_str(s, pre, true);
        for (_, t) in &mut self.link_text {
            t.push_str(s);
        }
    }

    /// Ends the current block of inline text.
    fn flush(&mut self) {
        if self.pre > 0 {
            return;
        }
        if let Some(t) = self
            .tables
            .last_mut()
            .filter(|t| t.in_cell() || t.in_caption())
        {
            t.push_text(" ");
            return;
        }
        if self.inline.text.is_empty() && self.inline.md.is_empty() {
            return;
        }
        if self.heading.is_some() {
            // Block elements inside a heading do not split it.
            self.inline.pending_space = true;
            return;
        }
        let (text, md) = self.inline.take();
        if text.is_empty() && md.is_empty() {
            return;
        }
        let kind = self.list_item_block(&text).unwrap_or(BlockKind::Paragraph);
        self.push_block(kind, text, md);
    }

    fn push_block(&mut self, kind: BlockKind, text: String, mut md: String) {
        let role = self.faq.role();
        // A question that is no heading reads as a bold line, its answer after it.
        if matches!(role, Role::Question(_))
            && kind == BlockKind::Paragraph
            // Already bold, or bold in part: left as written.
            && !md.contains("**")
            && !md.contains('\n')
        {
            md = format!("**{}**", md.trim());
        }
        self.out.blocks.push(Block {
            kind,
            text,
            md,
            quote: self.quote,
            role,
        });
    }

    fn embed(&mut self, e: embed::Embed) {
        if let Some(t) = self.tables.last_mut().filter(|t| t.in_cell()) {
            t.push_text(&format!(" {} ", e.text()));
            return;
        }
        // A block of its own (in a list, an item of its own).
        self.flush();
        self.inline.push_verbatim(&e.text(), &e.markdown());
        self.flush();
        self.out.links.push(Link {
            href: e.url.clone(),
            text: e.url,
            rel: Vec::new(),
            target: None,
            internal: false,
        });
    }
}
