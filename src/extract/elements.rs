//! What each kind of element does when the walk opens it and when it closes: one method per
//! kind, reached from [`Walker::open_element`] and [`Walker::close`]. Lists, tables and links
//! have files of their own (`lists.rs`, `table.rs`, `links.rs`), FAQ marks too
//! (`faq_marks.rs`).

use super::faq_marks::{FaqMark, is_faq_name};
use super::{BlockKind, Walker, inline, links, table};
use crate::article::Heading;
use crate::dom::Tag;
use crate::dom::tree::NodeId;

/// What an open element is to the walk: what its close must do.
#[derive(Debug, Clone, Copy)]
pub(super) enum Open {
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

pub(super) struct OpenElement {
    pub(super) index: NodeId,
    pub(super) open: Open,
    /// The element is also an FAQ container or question (besides being a heading, `strong`…).
    faq: FaqMark,
    /// Its class or id names an FAQ ("faq", "rank-math-faq"…).
    faq_named: bool,
}

/// A figure open in the walk: its images and table get its caption.
pub(super) struct FigureCtx {
    first_image: usize,
    table: Option<usize>,
    caption: Option<String>,
}

impl Walker<'_> {
    /// Opens an element; `false` when it has no content to walk (a void element).
    pub(super) fn open_element(&mut self, i: NodeId) -> bool {
        let node = self.el(i);
        let tag = &node.tag;
        let class = node.attr("class").unwrap_or("");
        let faq_named = is_faq_name(class) || node.attr("id").is_some_and(is_faq_name);
        if faq_named {
            self.faq.enter_named();
        }
        let plain = if tag.is_block() {
            Open::Block
        } else {
            Open::Plain
        };
        let faq = self.open_faq(i, tag, class);
        let open = self.open_kind(i, tag, plain);
        if tag.is_void() {
            if faq_named {
                self.faq.leave_named();
            }
            return false;
        }
        self.open.push(OpenElement {
            index: i,
            open,
            faq,
            faq_named,
        });
        true
    }

    /// Does what opening element `i` (a `tag`) does; returns what its close must do,
    /// `plain` when nothing special.
    fn open_kind(&mut self, i: NodeId, tag: &Tag, plain: Open) -> Open {
        let in_table = !self.tables.is_empty();
        match tag {
            Tag::Br => self.line_break(plain),
            Tag::Img => {
                self.image(i);
                plain
            }
            Tag::A => self.link(i, plain),
            Tag::Strong | Tag::B => self.emphasis("**", plain),
            Tag::Em | Tag::I => self.emphasis("*", plain),
            Tag::Del | Tag::S | Tag::Strike => self.emphasis("~~", plain),
            Tag::Code if self.pre == 0 => self.code(plain),
            Tag::Hr => self.rule(plain),
            // In a table cell, preformatted text is the cell's text.
            Tag::Pre if self.in_cell() => plain,
            Tag::Pre => self.open_pre(),
            Tag::Blockquote => self.open_quote(),
            Tag::Ul | Tag::Ol | Tag::Menu => self.open_list(i, *tag == Tag::Ol),
            Tag::Li => self.open_list_item(),
            // A table that lays blocks out is read as its cells' blocks (td and tr are
            // blocks); one inside a data table's cell is that cell's text.
            Tag::Table if !in_table && table::is_layout(self.doc, i) => {
                self.flush();
                plain
            }
            Tag::Table => self.open_table(),
            Tag::Tr if in_table => self.open_row(),
            Tag::Td | Tag::Th if in_table => self.open_cell(i, *tag == Tag::Th),
            Tag::Caption if in_table => self.open_caption(),
            Tag::Figure => self.open_figure(),
            Tag::Figcaption => {
                self.flush();
                Open::FigCaption
            }
            _ => match tag.heading_level() {
                Some(level) => self.open_heading(i, level),
                None => {
                    if matches!(plain, Open::Block) {
                        self.flush();
                    }
                    plain
                }
            },
        }
    }

    /// Closes an element opened by [`Walker::open_element`].
    pub(super) fn close(&mut self, o: OpenElement) {
        if o.faq_named {
            self.faq.leave_named();
        }
        match o.open {
            Open::Plain => {}
            Open::Block => self.flush(),
            Open::Heading => self.close_heading(),
            Open::ListItem => self.close_list_item(),
            Open::List => self.close_list(),
            Open::Pre => self.close_pre(),
            Open::Quote => {
                self.flush();
                self.quote -= 1;
            }
            Open::Table => self.close_table(),
            Open::Row => self.close_row(),
            Open::Cell => self.close_cell(),
            Open::Caption => self.close_caption(),
            Open::Figure => self.close_figure(),
            Open::FigCaption => self.close_figcaption(),
            Open::Link { marked, internal } => self.close_link(o.index, marked, internal),
            Open::Emphasis => self.inline.close_emphasis(),
            Open::Code => self.inline.close_code(),
            Open::InPage(at) => self.close_in_page(at),
        }
        self.close_faq(o.faq);
    }

    /// `br`: a space in a cell or a heading, a line break elsewhere.
    fn line_break(&mut self, plain: Open) -> Open {
        if let Some(t) = self.tables.last_mut().filter(|t| t.in_cell()) {
            t.push_text(" ");
        } else if self.heading.is_some() {
            self.inline.push_str(" ", false, false);
        } else if self.pre > 0 {
            self.inline.push_str("\n", true, false);
        } else {
            self.inline.line_break();
        }
        plain
    }

    /// `hr`: a rule block.
    fn rule(&mut self, plain: Open) -> Open {
        self.flush();
        self.push_block(BlockKind::Rule, String::new(), "---".into());
        plain
    }

    fn emphasis(&mut self, marker: &'static str, plain: Open) -> Open {
        if self.heading.is_some() || self.in_cell() {
            return plain;
        }
        if self.inline.open_emphasis(marker) {
            Open::Emphasis
        } else {
            plain
        }
    }

    fn code(&mut self, plain: Open) -> Open {
        if self.in_cell() {
            return plain;
        }
        if self.inline.open_code() {
            Open::Code
        } else {
            plain
        }
    }

    /// An in-page link closes: its text goes if it only says "back to top".
    fn close_in_page(&mut self, at: inline::Position) {
        let text = self.link_text.pop().map(|(_, t)| t).unwrap_or_default();
        if links::back_to_top(&text) {
            self.inline.cut(at);
        }
    }

    fn open_pre(&mut self) -> Open {
        self.flush();
        self.pre += 1;
        Open::Pre
    }

    fn close_pre(&mut self) {
        let text = self.inline.take_pre();
        let text = text.trim_matches('\n').trim_end().to_string();
        let md = format!("```\n{text}\n```");
        self.pre -= 1;
        if !text.trim().is_empty() {
            self.push_block(BlockKind::Code, text, md);
        }
    }

    fn open_quote(&mut self) -> Open {
        self.flush();
        self.quote += 1;
        Open::Quote
    }

    fn open_heading(&mut self, i: NodeId, level: u8) -> Open {
        self.flush();
        let anchor = self.heading_anchor(i);
        self.out.headings.push(Heading {
            level,
            text: String::new(),
            anchor,
        });
        self.heading = Some((level, self.out.headings.len() - 1));
        Open::Heading
    }

    fn close_heading(&mut self) {
        let (text, md) = self.inline.take();
        let Some((level, h)) = self.heading.take() else {
            return;
        };
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

    fn open_figure(&mut self) -> Open {
        self.flush();
        self.figures.push(FigureCtx {
            first_image: self.out.images.len(),
            table: None,
            caption: None,
        });
        Open::Figure
    }

    /// A table written inside the open figure, if any: the figure's caption is the table's.
    pub(super) fn table_in_figure(&mut self, idx: usize) {
        if let Some(f) = self.figures.last_mut() {
            f.table.get_or_insert(idx);
        }
    }

    /// The figure's caption goes to its table, else to its images.
    fn close_figure(&mut self) {
        self.flush();
        let f = self.figures.pop().expect("figure open");
        let Some(caption) = f.caption else { return };
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

    fn close_figcaption(&mut self) {
        let (text, md) = self.inline.take();
        if !text.is_empty() {
            if let Some(f) = self.figures.last_mut() {
                f.caption.get_or_insert_with(|| text.clone());
            }
            self.push_block(BlockKind::Caption, text, md);
        }
    }
}
