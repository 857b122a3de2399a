//! Extraction: one walk of the cleaned tree that produces the block model (for text,
//! Markdown, sections and FAQ), headings, links, images, lists, tables and the cleaned HTML.

pub(crate) mod accordion;
pub(crate) mod faq;
mod faq_marks;
mod table;
pub(crate) use table::markdown as table_markdown;

use std::collections::HashSet;

use url::Url;

use crate::article::{Heading, Image, Link, List, Table};
use crate::dom::tree::{Data, Document, Element, NodeId};
use crate::dom::{heading_level, is_block, is_void};
use crate::text::is_invisible;
use faq_marks::OpenAccordion;
use table::TableBuilder;

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
    /// The accordion family of the table in `accordion.rs` that made the group.
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

/// Inline text being gathered for the current block, as plain text and as Markdown.
#[derive(Debug, Default)]
struct Inline {
    text: String,
    md: String,
    pending_space: bool,
    /// Bumped at every flush, so positions recorded earlier can be recognised as stale.
    generation: u32,
}

impl Inline {
    fn push_str(&mut self, s: &str, pre: bool, md_escape: bool) {
        if pre {
            self.text.push_str(s);
            self.md.push_str(s);
            return;
        }
        let bytes = s.as_bytes();
        // The common case: words separated by single spaces, nothing to escape. Copied whole.
        if let Some((lead, body, trail)) = simple_text(bytes) {
            if lead {
                self.pending_space = !self.text.is_empty() || !self.md.is_empty();
            }
            if !body.is_empty() {
                if self.pending_space {
                    self.emit_space();
                }
                let body = &s[body];
                self.text.push_str(body);
                self.md.push_str(body);
            }
            if trail {
                self.pending_space = !self.text.is_empty() || !self.md.is_empty();
            }
            return;
        }
        // Otherwise runs of ordinary characters are copied whole; only whitespace, Markdown
        // specials and some non-ASCII characters are looked at one by one.
        let mut i = 0;
        while i < bytes.len() {
            let start = i;
            while i < bytes.len() && PLAIN[bytes[i] as usize] {
                i += 1;
            }
            if i > start {
                if self.pending_space {
                    self.emit_space();
                }
                self.text.push_str(&s[start..i]);
                self.md.push_str(&s[start..i]);
            }
            let Some(c) = s[i..].chars().next() else {
                break;
            };
            i += c.len_utf8();
            if c.is_whitespace() {
                self.pending_space = !self.text.is_empty() || !self.md.is_empty();
                continue;
            }
            if is_invisible(c) {
                continue;
            }
            if self.pending_space {
                self.emit_space();
            }
            self.text.push(c);
            if md_escape && is_md_special(c) {
                self.md.push('\\');
            }
            self.md.push(c);
        }
    }

    /// One space, in each buffer that does not already end in one.
    fn emit_space(&mut self) {
        for buf in [&mut self.text, &mut self.md] {
            if !buf.is_empty() && !buf.ends_with([' ', '\n']) {
                buf.push(' ');
            }
        }
        self.pending_space = false;
    }

    /// Markdown-only syntax (emphasis markers, link brackets).
    fn push_md(&mut self, s: &str) {
        if self.pending_space {
            self.emit_space();
        }
        self.md.push_str(s);
    }

    fn line_break(&mut self) {
        if !self.text.is_empty() {
            self.text.push('\n');
            self.md.push_str("\\\n");
        }
        self.pending_space = false;
    }

    fn take(&mut self) -> (String, String) {
        self.pending_space = false;
        self.generation = self.generation.wrapping_add(1);
        // Copy out exactly and keep the buffers' capacity for the next block.
        let text = trim_lines(&self.text);
        let md = self.md.trim().to_string();
        self.text.clear();
        self.md.clear();
        (text, md)
    }
}

fn trim_lines(s: &str) -> String {
    if !s.contains('\n') {
        return s.trim().to_string();
    }
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

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
        md_at: usize,
        generation: u32,
        internal: bool,
    },
    Emphasis {
        marker: &'static str,
        md_at: usize,
        generation: u32,
    },
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
    /// An accordion container (`accordion.rs`).
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
    let mut next = doc.first_child(root);
    loop {
        let Some(node) = next else {
            let Some(o) = w.open.pop() else { break };
            next = doc.next_sibling(o.index);
            w.close(o);
            continue;
        };
        match &doc.node(node).data {
            Data::Text(t) => w.text(t),
            Data::Element(_) if w.open_element(node) => {
                next = doc.first_child(node);
                continue;
            }
            _ => {}
        }
        next = doc.next_sibling(node);
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
        let tag: &str = &node.tag;
        let class = node.attr("class").unwrap_or("");
        let faq_named = is_faq_name(class) || node.attr("id").is_some_and(is_faq_name);
        if faq_named {
            self.faq_container += 1;
        }
        let mut open = if is_block(tag) {
            Open::Block
        } else {
            Open::Plain
        };
        let faq_mark = self.open_faq(i, tag, class);
        match tag {
            "br" => {
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
            "img" => self.image(i),
            "a" => open = self.link(i, open),
            "strong" | "b" => open = self.emphasis("**", open),
            "em" | "i" => open = self.emphasis("*", open),
            "del" | "s" | "strike" => open = self.emphasis("~~", open),
            "code" if self.pre == 0 => open = self.emphasis("`", open),
            "hr" => {
                self.flush();
                self.push_block(BlockKind::Rule, String::new(), "---".into());
            }
            // In a table cell, preformatted text is the cell's text.
            "pre" if self.tables.last().is_some_and(|t| t.in_cell()) => {}
            "pre" => {
                self.flush();
                self.pre += 1;
                open = Open::Pre;
            }
            "blockquote" => {
                self.flush();
                self.quote += 1;
                open = Open::Quote;
            }
            "ul" | "ol" | "menu" => {
                self.flush();
                let list = match self.lists.last() {
                    Some(outer) => outer.list,
                    None => {
                        self.out.lists.push(List {
                            ordered: tag == "ol",
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
                    ordered: tag == "ol",
                    counter: start.saturating_sub(1),
                    list,
                });
                self.items.push(None);
                open = Open::List;
            }
            "li" => {
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
            "table" => {
                self.flush();
                self.tables.push(TableBuilder::default());
                open = Open::Table;
            }
            "tr" if !self.tables.is_empty() => {
                let in_head = self.in_thead();
                if let Some(t) = self.tables.last_mut() {
                    t.start_row(in_head);
                }
                open = Open::Row;
            }
            "td" | "th" if !self.tables.is_empty() => {
                let colspan = span(node.attr("colspan"));
                let rowspan = span(node.attr("rowspan"));
                if let Some(t) = self.tables.last_mut() {
                    t.start_cell(tag == "th", colspan, rowspan);
                }
                open = Open::Cell;
            }
            "caption" if !self.tables.is_empty() => {
                if let Some(t) = self.tables.last_mut() {
                    t.start_caption();
                }
                open = Open::Caption;
            }
            "figure" => {
                self.flush();
                self.figures.push(FigureCtx {
                    first_image: self.out.images.len(),
                    table: None,
                    caption: None,
                });
                open = Open::Figure;
            }
            "figcaption" => {
                self.flush();
                open = Open::FigCaption;
            }
            _ => {
                if let Some(level) = heading_level(tag) {
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
        if is_void(tag) {
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
                        self.push_block(BlockKind::Table(idx), text, String::new());
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
            Open::Link {
                md_at,
                generation,
                internal,
            } => self.close_link(o.index, md_at, generation, internal),
            Open::Emphasis {
                marker,
                md_at,
                generation,
            } => self.close_emphasis(marker, md_at, generation),
        }
        self.close_faq(o.faq);
    }

    fn in_thead(&self) -> bool {
        self.open
            .iter()
            .rev()
            .take_while(|o| !matches!(o.open, Open::Table))
            .any(|o| &*self.el(o.index).tag == "thead")
    }

    fn take_pre(&mut self) -> (String, String) {
        self.inline.pending_space = false;
        self.inline.generation = self.inline.generation.wrapping_add(1);
        let text = std::mem::take(&mut self.inline.text);
        self.inline.md.clear();
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

    fn image(&mut self, i: NodeId) {
        let node = self.el(i);
        let Some(src) = node.attr("src") else { return };
        let alt = node.attr("alt").unwrap_or("").trim().to_string();
        self.inline.push_md("![");
        let mut escaped = Inline::default();
        escaped.push_str(&alt, false, true);
        self.inline.md.push_str(&escaped.md);
        self.inline.md.push_str("](");
        self.inline.md.push_str(&md_url(src));
        self.inline.md.push(')');
        let dim = |n: &str| {
            node.attr(n)
                .and_then(|v| v.trim().trim_end_matches("px").parse::<u32>().ok())
        };
        self.out.images.push(Image {
            src: src.to_string(),
            alt,
            caption: None,
            width: dim("width"),
            height: dim("height"),
        });
    }

    fn link(&mut self, i: NodeId, default: Open) -> Open {
        let node = self.el(i);
        let Some(href) = node.attr("href").map(str::trim) else {
            return default;
        };
        let Some(url) = self.content_link(href) else {
            return default;
        };
        // The same site to a browser: the host it would connect to, less a leading `www.`.
        let internal = self.host.is_some() && crate::href::site_name(&url) == self.host.as_deref();
        self.inline.push_md("");
        let md_at = self.inline.md.len();
        self.inline.md.push('[');
        self.link_text.push((i, String::new()));
        Open::Link {
            md_at,
            generation: self.inline.generation,
            internal,
        }
    }

    /// Links are absolute `http(s)`, `mailto` and `tel` URLs (the HTML's URLs are already
    /// resolved and checked); in-page anchors and links back to this page's headings are not
    /// content.
    fn content_link(&self, href: &str) -> Option<Url> {
        let url = Url::parse(href).ok()?;
        if !crate::safety::safe_link(&url) {
            return None;
        }
        if url.fragment().is_some()
            && let Some(page) = self.page
            && url.host() == page.host()
            && url.path() == page.path()
        {
            return None;
        }
        Some(url)
    }

    fn close_link(&mut self, i: NodeId, md_at: usize, generation: u32, internal: bool) {
        let node = self.el(i);
        let href = node.attr("href").unwrap_or("").trim().to_string();
        let text = match self.link_text.pop() {
            Some((_, t)) => {
                let mut n = Inline::default();
                n.push_str(&t, false, false);
                n.text
            }
            None => String::new(),
        };
        if generation == self.inline.generation && md_at < self.inline.md.len() {
            if self.inline.md[md_at + 1..].trim().is_empty() {
                self.inline.md.truncate(md_at);
            } else {
                self.inline.md.push_str("](");
                self.inline.md.push_str(&md_url(&href));
                self.inline.md.push(')');
            }
        }
        let rel = node
            .attr("rel")
            .map(|r| {
                r.split_ascii_whitespace()
                    .map(|t| t.to_ascii_lowercase())
                    .collect()
            })
            .unwrap_or_default();
        let target = node
            .attr("target")
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty());
        self.out.links.push(Link {
            href,
            text,
            rel,
            target,
            internal,
        });
    }

    fn emphasis(&mut self, marker: &'static str, default: Open) -> Open {
        if self.heading.is_some() && marker != "`"
            || self.tables.last().is_some_and(|t| t.in_cell())
        {
            return default;
        }
        self.inline.push_md("");
        let md_at = self.inline.md.len();
        self.inline.md.push_str(marker);
        Open::Emphasis {
            marker,
            md_at,
            generation: self.inline.generation,
        }
    }

    fn close_emphasis(&mut self, marker: &'static str, md_at: usize, generation: u32) {
        if generation != self.inline.generation || md_at > self.inline.md.len() {
            return;
        }
        let inner = &self.inline.md[md_at + marker.len()..];
        if inner.trim().is_empty() {
            self.inline.md.truncate(md_at);
            return;
        }
        // `**bold **` is not emphasis in Markdown: move trailing spaces outside the marker.
        let trimmed = self.inline.md.trim_end().len();
        let trailing = self.inline.md.len() - trimmed;
        self.inline.md.truncate(trimmed);
        self.inline.md.push_str(marker);
        if trailing > 0 {
            self.inline.pending_space = true;
        }
        // Spaces right after the opening marker break it too.
        let after = md_at + marker.len();
        let lead = self.inline.md[after..].len() - self.inline.md[after..].trim_start().len();
        if lead > 0 {
            self.inline.md.replace_range(after..after + lead, "");
            self.inline.md.insert(md_at, ' ');
        }
    }
}

/// ASCII bytes that need no attention in inline text: not whitespace, not Markdown syntax.
static PLAIN: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0x21;
    while b < 0x7f {
        t[b] = !matches!(
            b as u8,
            b'\\' | b'`' | b'*' | b'_' | b'[' | b']' | b'<' | b'>' | b'|'
        );
        b += 1;
    }
    // Non-ASCII: continuation bytes and the lead bytes of characters that are never spaces
    // or invisible. Leads 0xC2 (no-break space, soft hyphen), 0xE1 (U+1680), 0xE2
    // (U+2000–U+206F), 0xE3 (U+3000) and 0xEF (BOM) take the slow path.
    let mut b = 0x80;
    while b < 0x100 {
        t[b] = matches!(b, 0x80..=0xBF | 0xC3..=0xDF | 0xE4..=0xEE | 0xF0..=0xF4);
        b += 1;
    }
    t
};

/// For text made of plain characters separated by single ASCII spaces: whether it starts
/// and ends with a space, and the range between. `None` for anything else.
fn simple_text(bytes: &[u8]) -> Option<(bool, std::ops::Range<usize>, bool)> {
    let lead = bytes.first() == Some(&b' ');
    let trail = bytes.len() > 1 && bytes.last() == Some(&b' ');
    let start = usize::from(lead);
    let end = bytes.len() - usize::from(trail && bytes.len() > start);
    let mut prev_space = true;
    for &b in &bytes[start..end.max(start)] {
        if b == b' ' {
            if prev_space {
                return None;
            }
            prev_space = true;
        } else if PLAIN[b as usize] {
            prev_space = false;
        } else {
            return None;
        }
    }
    if end > start && prev_space {
        return None;
    }
    Some((lead, start..end.max(start), trail))
}

fn is_md_special(c: char) -> bool {
    matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|')
}

fn span(v: Option<&str>) -> u32 {
    v.and_then(|s| s.trim().parse::<u32>().ok()).unwrap_or(1)
}

fn md_url(url: &str) -> String {
    url.replace(' ', "%20")
        .replace('(', "%28")
        .replace(')', "%29")
}
