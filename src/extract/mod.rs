//! Extraction: one walk of the cleaned tree that produces the block model (for text,
//! Markdown, sections and FAQ), headings, links, images, lists, tables and the cleaned HTML.

mod blocks;
mod embed;
pub(crate) mod faq;
mod faq_marks;
mod inline;
mod links;
mod table;

pub(crate) use blocks::{Block, BlockKind, Extracted, FaqGroup, Role};

use std::collections::HashSet;

use url::Url;

use crate::article::{Heading, Link, List};
use crate::dom::Tag;
use crate::dom::tree::{Data, Document, Element, NodeId};
use crate::dom::walk::{Step, Walk};
use faq_marks::OpenAccordion;
use inline::Inline;
use table::TableBuilder;

#[derive(Debug, Clone, Copy)]
enum Open {
    /// An element whose close needs nothing special.
    Plain,
    Block,
    Heading,
    ListItem,
    List,
    Pre,
    Quote,
    Table,
    Cell,
    Row,
    Caption,
    Figure,
    FigCaption,
    Link {
        /// Its Markdown syntax was written (not in a code span).
        marked: bool,
        internal: bool,
    },
    Emphasis,
    Code,
    /// A link within this page (not content): its text is dropped if it only says "back
    /// to top".
    InPage(inline::Position),
}

struct OpenElement {
    index: NodeId,
    open: Open,
    /// The element is also an FAQ container or question (besides being a heading, `strong`…).
    faq: FaqMark,
    /// Its class or id names an FAQ ("faq", "rank-math-faq"…).
    faq_named: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FaqMark {
    None,
    Group,
    Question,
    /// An accordion container (`rules/accordion.rs`).
    Accordion,
}

struct ListCtx {
    ordered: bool,
    counter: u32,
    /// Index in `lists` of the outermost list this one belongs to.
    list: usize,
}

struct FigureCtx {
    first_image: usize,
    table: Option<usize>,
    caption: Option<String>,
}

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
    faq_group: Vec<u32>,
    /// Per open group: its blocks are still the question. A pane of the accordion table
    /// starts so (its question may be an unwrapped button with no class left) until its
    /// question element closes or its answer opens.
    faq_asking: Vec<bool>,
    faq_question: u32,
    faq_container: u32,
    accordions: Vec<OpenAccordion>,
    accordion_count: u32,
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
        faq_group: Vec::new(),
        faq_asking: Vec::new(),
        faq_question: 0,
        faq_container: 0,
        accordions: Vec::new(),
        accordion_count: 0,
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

fn is_faq_name(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr2_iter(b'f', b'F', b).any(|i| {
        b.get(i + 1..i + 3)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"aq"))
    })
}

impl<'a> Walker<'a> {
    /// The element `id` (the walk opens only elements).
    fn el(&self, id: NodeId) -> &'a Element {
        self.doc.element(id).expect("an element")
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

    /// Opens an element; `false` when it has no content to walk (a void element).
    fn open_element(&mut self, i: NodeId) -> bool {
        let node = self.el(i);
        let tag = &node.tag;
        let class = node.attr("class").unwrap_or("");
        let faq_named = is_faq_name(class) || node.attr("id").is_some_and(is_faq_name);
        if faq_named {
            self.faq_container += 1;
        }
        let mut open = if tag.is_block() {
            Open::Block
        } else {
            Open::Plain
        };
        let faq_mark = self.open_faq(i, tag, class);
        match tag {
            Tag::Br => {
                if let Some(t) = self.tables.last_mut().filter(|t| t.in_cell()) {
                    t.push_text(" ");
                } else if self.heading.is_some() {
                    self.inline.push_str(" ", false, false);
                } else if self.pre > 0 {
                    self.inline.push_str("\n", true, false);
                } else {
                    self.inline.line_break();
                }
            }
            Tag::Img => self.image(i),
            Tag::A => open = self.link(i, open),
            Tag::Strong | Tag::B => open = self.emphasis("**", open),
            Tag::Em | Tag::I => open = self.emphasis("*", open),
            Tag::Del | Tag::S | Tag::Strike => open = self.emphasis("~~", open),
            Tag::Code if self.pre == 0 => open = self.code(open),
            Tag::Hr => {
                self.flush();
                self.push_block(BlockKind::Rule, String::new(), "---".into());
            }
            // In a table cell, preformatted text is the cell's text.
            Tag::Pre if self.tables.last().is_some_and(|t| t.in_cell()) => {}
            Tag::Pre => {
                self.flush();
                self.pre += 1;
                open = Open::Pre;
            }
            Tag::Blockquote => {
                self.flush();
                self.quote += 1;
                open = Open::Quote;
            }
            Tag::Ul | Tag::Ol | Tag::Menu => {
                self.flush();
                let list = match self.lists.last() {
                    Some(outer) => outer.list,
                    None => {
                        self.out.lists.push(List {
                            ordered: *tag == Tag::Ol,
                            items: Vec::new(),
                        });
                        self.out.lists.len() - 1
                    }
                };
                let start = node
                    .attr("start")
                    .and_then(|s| s.trim().parse::<u32>().ok())
                    .unwrap_or(1);
                self.lists.push(ListCtx {
                    ordered: *tag == Tag::Ol,
                    counter: start.saturating_sub(1),
                    list,
                });
                self.items.push(None);
                open = Open::List;
            }
            Tag::Li => {
                self.flush();
                if let Some(l) = self.lists.last_mut() {
                    l.counter = l.counter.saturating_add(1);
                    let items = &mut self.out.lists[l.list].items;
                    items.push(String::new());
                    let at = items.len() - 1;
                    if let Some(slot) = self.items.last_mut() {
                        *slot = Some(at);
                    }
                }
                open = Open::ListItem;
            }
            // A table that lays blocks out is read as its cells' blocks (td and tr are
            // blocks); one inside a data table's cell is that cell's text.
            Tag::Table if self.tables.is_empty() && table::is_layout(self.doc, i) => self.flush(),
            Tag::Table => {
                self.flush();
                self.tables.push(TableBuilder::default());
                open = Open::Table;
            }
            Tag::Tr if !self.tables.is_empty() => {
                let in_head = self.in_thead();
                if let Some(t) = self.tables.last_mut() {
                    t.start_row(in_head);
                }
                open = Open::Row;
            }
            Tag::Td | Tag::Th if !self.tables.is_empty() => {
                let colspan = span(node.attr("colspan"));
                let rowspan = span(node.attr("rowspan"));
                if let Some(t) = self.tables.last_mut() {
                    t.start_cell(*tag == Tag::Th, colspan, rowspan);
                }
                open = Open::Cell;
            }
            Tag::Caption if !self.tables.is_empty() => {
                if let Some(t) = self.tables.last_mut() {
                    t.start_caption();
                }
                open = Open::Caption;
            }
            Tag::Figure => {
                self.flush();
                self.figures.push(FigureCtx {
                    first_image: self.out.images.len(),
                    table: None,
                    caption: None,
                });
                open = Open::Figure;
            }
            Tag::Figcaption => {
                self.flush();
                open = Open::FigCaption;
            }
            _ => {
                if let Some(level) = tag.heading_level() {
                    self.flush();
                    let anchor = self.heading_anchor(i);
                    self.out.headings.push(Heading {
                        level,
                        text: String::new(),
                        anchor,
                    });
                    self.heading = Some((level, self.out.headings.len() - 1));
                    open = Open::Heading;
                } else if matches!(open, Open::Block) {
                    self.flush();
                }
            }
        }
        if tag.is_void() {
            if faq_named {
                self.faq_container -= 1;
            }
            return false;
        }
        self.open.push(OpenElement {
            index: i,
            open,
            faq: faq_mark,
            faq_named,
        });
        true
    }

    fn close(&mut self, o: OpenElement) {
        if o.faq_named {
            self.faq_container -= 1;
        }
        match o.open {
            Open::Plain => {}
            Open::Block => self.flush(),
            Open::Heading => {
                let (text, md) = self.inline.take();
                if let Some((level, h)) = self.heading.take() {
                    let text = text.replace('\n', " ");
                    self.out.headings[h].text = text.clone();
                    if !text.is_empty() {
                        self.push_block(BlockKind::Heading { level, heading: h }, text, md);
                    } else if !md.is_empty() {
                        // A heading of images only: no heading, but the images stay.
                        if h + 1 == self.out.headings.len() {
                            self.out.headings.pop();
                        }
                        self.push_block(BlockKind::Paragraph, text, md);
                    }
                }
            }
            Open::ListItem => {
                self.flush();
                if let Some(slot) = self.items.last_mut() {
                    *slot = None;
                }
            }
            Open::List => {
                self.flush();
                self.lists.pop();
                self.items.pop();
                if self.lists.is_empty()
                    && let Some(l) = self.out.lists.last_mut()
                {
                    l.items.retain(|i| !i.is_empty());
                    if l.items.is_empty() {
                        self.out.lists.pop();
                    }
                }
            }
            Open::Pre => {
                let (text, md) = self.take_pre();
                self.pre -= 1;
                if !text.trim().is_empty() {
                    self.push_block(BlockKind::Code, text, md);
                }
            }
            Open::Quote => {
                self.flush();
                self.quote -= 1;
            }
            Open::Table => {
                let builder = self.tables.pop().expect("table open");
                let (table, warning) = builder.finish(self.max_table_cells);
                if let Some(w) = warning {
                    self.out.warnings.push(w);
                }
                if !table.rows.is_empty() || !table.header.is_empty() {
                    let text = table::plain(&table);
                    if let Some(outer) = self.tables.last_mut().filter(|t| t.in_cell()) {
                        outer.push_text(&text.replace('\n', " "));
                    }
                    self.out.tables.push(table);
                    let idx = self.out.tables.len() - 1;
                    if let Some(f) = self.figures.last_mut() {
                        f.table.get_or_insert(idx);
                    }
                    if self.tables.is_empty() {
                        // Written now: a figure caption given to the table later is a block
                        // of its own.
                        let md = table::markdown(&self.out.tables[idx]);
                        self.push_block(BlockKind::Table(idx), text, md);
                    }
                }
            }
            Open::Row => {
                if let Some(t) = self.tables.last_mut() {
                    t.end_row();
                }
            }
            Open::Cell => {
                if let Some(t) = self.tables.last_mut() {
                    t.end_cell();
                }
            }
            Open::Caption => {
                if let Some(t) = self.tables.last_mut() {
                    t.end_caption();
                }
            }
            Open::Figure => {
                self.flush();
                let f = self.figures.pop().expect("figure open");
                if let Some(caption) = f.caption {
                    match f.table {
                        Some(t) if self.out.tables[t].caption.is_none() => {
                            self.out.tables[t].caption = Some(caption)
                        }
                        Some(_) => {}
                        None => {
                            for img in &mut self.out.images[f.first_image..] {
                                img.caption.get_or_insert_with(|| caption.clone());
                            }
                        }
                    }
                }
            }
            Open::FigCaption => {
                let (text, md) = self.inline.take();
                if !text.is_empty() {
                    if let Some(f) = self.figures.last_mut() {
                        f.caption.get_or_insert_with(|| text.clone());
                    }
                    self.push_block(BlockKind::Caption, text, md);
                }
            }
            Open::Link { marked, internal } => self.close_link(o.index, marked, internal),
            Open::Emphasis => self.inline.close_emphasis(),
            Open::Code => self.inline.close_code(),
            Open::InPage(at) => {
                let text = self.link_text.pop().map(|(_, t)| t).unwrap_or_default();
                if links::back_to_top(&text) {
                    self.inline.cut(at);
                }
            }
        }
        self.close_faq(o.faq);
    }

    fn in_thead(&self) -> bool {
        self.open
            .iter()
            .rev()
            .take_while(|o| !matches!(o.open, Open::Table))
            .any(|o| self.el(o.index).tag == Tag::Thead)
    }

    fn take_pre(&mut self) -> (String, String) {
        let text = self.inline.take_pre();
        let text = text.trim_matches('\n').trim_end().to_string();
        let md = format!("```\n{text}\n```");
        (text, md)
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
        let kind = match self.lists.last() {
            Some(l) if self.items.last().is_some_and(Option::is_some) => {
                if let Some(Some(at)) = self.items.last() {
                    let item = &mut self.out.lists[l.list].items[*at];
                    if !item.is_empty() {
                        item.push(' ');
                    }
                    item.push_str(&text.replace('\n', " "));
                }
                BlockKind::ListItem {
                    ordered: l.ordered,
                    depth: self.lists.len().min(u8::MAX as usize) as u8,
                    number: l.counter,
                }
            }
            _ => BlockKind::Paragraph,
        };
        self.push_block(kind, text, md);
    }

    fn push_block(&mut self, kind: BlockKind, text: String, mut md: String) {
        let asking = self.faq_question > 0 || self.faq_asking.last() == Some(&true);
        let role = match self.faq_group.last() {
            Some(&g) if asking => Role::Question(g),
            Some(&g) => Role::Answer(g),
            None => Role::None,
        };
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

    fn heading_anchor(&mut self, i: NodeId) -> Option<String> {
        let node = self.el(i);
        // The heading's own id, else the first id inside it (a TOC plugin's marker when
        // that rule group is switched off), else an old-style `<a name>`.
        let found = node.attr("id").map(str::to_string).or_else(|| {
            self.doc.descendants(i).find_map(|n| {
                let e = self.doc.element(n)?;
                e.attr("id").or_else(|| e.attr("name")).map(str::to_string)
            })
        });
        let id = found?.trim().to_string();
        if id.is_empty() {
            return None;
        }
        if !self.anchors.insert(id.clone()) {
            self.out.warnings.push(format!(
                "duplicate heading anchor {id:?}: only the first is kept"
            ));
            return None;
        }
        Some(id)
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

    fn emphasis(&mut self, marker: &'static str, default: Open) -> Open {
        if self.heading.is_some() || self.tables.last().is_some_and(|t| t.in_cell()) {
            return default;
        }
        if self.inline.open_emphasis(marker) {
            Open::Emphasis
        } else {
            default
        }
    }

    fn code(&mut self, default: Open) -> Open {
        if self.tables.last().is_some_and(|t| t.in_cell()) {
            return default;
        }
        if self.inline.open_code() {
            Open::Code
        } else {
            default
        }
    }
}

fn span(v: Option<&str>) -> u32 {
    v.and_then(|s| s.trim().parse::<u32>().ok()).unwrap_or(1)
}
