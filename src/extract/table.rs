//! Tables: cells gathered during the walk, spans expanded when the table closes.

use super::elements::Open;
use super::{BlockKind, Walker};
use crate::article::Table;
use crate::dom::Tag;
use crate::dom::tree::{Document, NodeId};

/// Caps on span expansion, so a hostile `colspan` cannot allocate without bound.
const MAX_COLSPAN: u32 = 1000;
const MAX_ROWSPAN: u32 = 1000;

#[derive(Debug)]
struct Cell {
    text: String,
    header: bool,
    colspan: u32,
    rowspan: u32,
}

#[derive(Debug, Default)]
struct Row {
    cells: Vec<Cell>,
    in_head: bool,
}

#[derive(Debug, Default)]
pub(crate) struct TableBuilder {
    rows: Vec<Row>,
    caption: Option<String>,
    in_row: bool,
    in_cell: bool,
    in_caption: bool,
}

impl TableBuilder {
    pub fn in_cell(&self) -> bool {
        self.in_cell
    }

    pub fn in_caption(&self) -> bool {
        self.in_caption
    }

    pub fn start_row(&mut self, in_head: bool) {
        self.rows.push(Row {
            cells: Vec::new(),
            in_head,
        });
        self.in_row = true;
    }

    pub fn end_row(&mut self) {
        self.in_row = false;
        self.in_cell = false;
    }

    pub fn start_cell(&mut self, header: bool, colspan: u32, rowspan: u32) {
        if !self.in_row {
            // A cell outside any `tr` (the parser normally adds one, but be safe).
            self.start_row(false);
        }
        if let Some(row) = self.rows.last_mut() {
            row.cells.push(Cell {
                text: String::new(),
                header,
                colspan: colspan.clamp(1, MAX_COLSPAN),
                rowspan: rowspan.clamp(1, MAX_ROWSPAN),
            });
        }
        self.in_cell = true;
    }

    pub fn end_cell(&mut self) {
        self.in_cell = false;
    }

    pub fn start_caption(&mut self) {
        self.caption = Some(String::new());
        self.in_caption = true;
    }

    pub fn end_caption(&mut self) {
        self.in_caption = false;
    }

    /// Appends text to the open cell or caption, collapsing whitespace.
    pub fn push_text(&mut self, s: &str) {
        let target = if self.in_caption {
            self.caption.as_mut()
        } else if self.in_cell {
            self.rows
                .last_mut()
                .and_then(|r| r.cells.last_mut())
                .map(|c| &mut c.text)
        } else {
            None
        };
        let Some(buf) = target else { return };
        let mut space = buf.ends_with(' ');
        for c in s.chars() {
            if c.is_whitespace() {
                if !buf.is_empty() && !space {
                    buf.push(' ');
                    space = true;
                }
            } else if !crate::dom::is_invisible(c) {
                buf.push(c);
                space = false;
            }
        }
    }

    /// Expands spans into a grid and splits off the header.
    pub fn finish(self, max_cells: usize) -> (Table, Option<String>) {
        let caption = self
            .caption
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty());
        let (mut grid, warning) = expand_spans(self.rows, max_cells);
        let width = grid.iter().map(|r| r.0.len()).max().unwrap_or(0);
        for (r, _, _) in &mut grid {
            r.resize(width, String::new());
        }
        let head_rows = grid.iter().take_while(|r| r.1).count();
        let mut rows = grid.into_iter();
        let header = if head_rows > 0 {
            // Several header rows: the last one names the columns.
            let mut h = Vec::new();
            for _ in 0..head_rows {
                h = rows.next().map(|r| r.0).unwrap_or_default();
            }
            h
        } else {
            let mut peek = rows.clone();
            match peek.next() {
                Some((r, _, true)) => {
                    rows.next();
                    r
                }
                _ => Vec::new(),
            }
        };
        (
            Table {
                caption,
                header,
                rows: rows.map(|r| r.0).collect(),
            },
            warning,
        )
    }
}

/// A row of the expanded grid: its cells' text, whether it is in `thead`, whether all its
/// own cells are `th`.
type GridRow = (Vec<String>, bool, bool);

/// The rows with their spans expanded, at most `max_cells` cells (with a warning when the
/// table is cut there); rows left empty are dropped.
fn expand_spans(rows: Vec<Row>, max_cells: usize) -> (Vec<GridRow>, Option<String>) {
    let mut grid: Vec<GridRow> = Vec::with_capacity(rows.len());
    // `pending[col]` holds (rows left, text) for cells spanning down.
    let mut pending: Vec<(u32, String)> = Vec::new();
    let mut total = 0usize;
    for row in rows {
        let mut out: Vec<String> = Vec::new();
        let all_th = !row.cells.is_empty() && row.cells.iter().all(|c| c.header);
        let mut cells = row.cells.into_iter();
        let mut col = 0usize;
        loop {
            if let Some((left, text)) = pending.get_mut(col).filter(|p| p.0 > 0) {
                *left -= 1;
                out.push(text.clone());
                col += 1;
                continue;
            }
            let Some(cell) = cells.next() else { break };
            let text = cell.text.trim().to_string();
            for _ in 0..cell.colspan {
                if total >= max_cells {
                    if !out.is_empty() {
                        grid.push((out, row.in_head, all_th));
                    }
                    let warning =
                        format!("table truncated at {max_cells} cells after span expansion");
                    return (grid, Some(warning));
                }
                if pending.len() <= col {
                    pending.resize(col + 1, (0, String::new()));
                }
                if cell.rowspan > 1 {
                    pending[col] = (cell.rowspan - 1, text.clone());
                }
                out.push(text.clone());
                total += 1;
                col += 1;
            }
        }
        // Cells spanning down past the end of this row's own cells.
        while let Some((left, text)) = pending.get_mut(col).filter(|p| p.0 > 0) {
            *left -= 1;
            out.push(text.clone());
            col += 1;
        }
        if out.iter().any(|c| !c.is_empty()) {
            grid.push((out, row.in_head, all_th));
        }
    }
    (grid, None)
}

/// A table as plain text: the caption, then one line per row, cells separated by ` | `.
pub(crate) fn plain(t: &Table) -> String {
    let mut out = String::new();
    if let Some(c) = &t.caption {
        out.push_str(c);
        out.push('\n');
    }
    for row in std::iter::once(&t.header)
        .filter(|h| !h.is_empty())
        .chain(t.rows.iter())
    {
        out.push_str(&row.join(" | "));
        out.push('\n');
    }
    out.pop();
    out
}

/// A table as a GitHub-flavoured Markdown pipe table (`|` escaped, line breaks removed).
pub(crate) fn markdown(t: &Table) -> String {
    let width = t
        .header
        .len()
        .max(t.rows.iter().map(Vec::len).max().unwrap_or(0));
    if width == 0 {
        return String::new();
    }
    let cell = |s: &str| {
        let mut e = String::with_capacity(s.len());
        for c in s.chars() {
            match c {
                '|' => e.push_str("\\|"),
                '\\' | '*' | '_' | '`' | '[' | ']' | '<' => {
                    e.push('\\');
                    e.push(c);
                }
                '\n' | '\r' => e.push(' '),
                _ => e.push(c),
            }
        }
        e
    };
    let line = |cells: &[String]| {
        let mut l = String::from("|");
        for i in 0..width {
            l.push(' ');
            l.push_str(&cell(cells.get(i).map(String::as_str).unwrap_or("")));
            l.push_str(" |");
        }
        l
    };
    let mut out = String::new();
    if let Some(c) = &t.caption {
        out.push_str(&cell(c));
        out.push_str("\n\n");
    }
    out.push_str(&line(&t.header));
    out.push('\n');
    out.push('|');
    for _ in 0..width {
        out.push_str(" --- |");
    }
    for r in &t.rows {
        out.push('\n');
        out.push_str(&line(r));
    }
    out
}

/// Whether the table at `i` lays blocks out rather than holding data: it has no header and
/// one row, or one column, or cells that hold headings, lists, quotes or tables. Such a
/// table is read as the paragraphs of its cells, in order.
pub(crate) fn is_layout(doc: &Document, i: NodeId) -> bool {
    let (mut rows, mut cols, mut row_cols) = (0u32, 0u32, 0u32);
    // A nested table, in preorder before anything inside it, settles the question first.
    for e in doc.descendants(i).filter_map(|n| doc.element(n)) {
        match e.tag {
            Tag::Th | Tag::Thead => return false,
            Tag::Tr => {
                rows += 1;
                row_cols = 0;
            }
            Tag::Td => {
                row_cols += e
                    .attr("colspan")
                    .and_then(|s| s.trim().parse::<u32>().ok())
                    .unwrap_or(1)
                    .clamp(1, 1000);
                cols = cols.max(row_cols);
            }
            Tag::Table
            | Tag::Ul
            | Tag::Ol
            | Tag::Blockquote
            | Tag::H1
            | Tag::H2
            | Tag::H3
            | Tag::H4
            | Tag::H5
            | Tag::H6 => {
                return true;
            }
            _ => {}
        }
    }
    rows <= 1 || cols <= 1
}

impl Walker<'_> {
    pub(super) fn open_table(&mut self) -> Open {
        self.flush();
        self.tables.push(TableBuilder::default());
        Open::Table
    }

    /// A data table closes: it is kept if it has rows, written as a block when it is not
    /// inside another one (whose cell then holds its text).
    pub(super) fn close_table(&mut self) {
        let builder = self.tables.pop().expect("table open");
        let (table, warning) = builder.finish(self.max_table_cells);
        if let Some(w) = warning {
            self.out.warnings.push(w);
        }
        if table.rows.is_empty() && table.header.is_empty() {
            return;
        }
        let text = plain(&table);
        if let Some(outer) = self.tables.last_mut().filter(|t| t.in_cell()) {
            outer.push_text(&text.replace('\n', " "));
        }
        self.out.tables.push(table);
        let idx = self.out.tables.len() - 1;
        self.table_in_figure(idx);
        if self.tables.is_empty() {
            // Written now: a figure caption given to the table later is a block of its own.
            let md = markdown(&self.out.tables[idx]);
            self.push_block(BlockKind::Table(idx), text, md);
        }
    }

    pub(super) fn open_row(&mut self) -> Open {
        let in_head = self.in_thead();
        if let Some(t) = self.tables.last_mut() {
            t.start_row(in_head);
        }
        Open::Row
    }

    pub(super) fn close_row(&mut self) {
        if let Some(t) = self.tables.last_mut() {
            t.end_row();
        }
    }

    /// `td`, or `th` (`header`).
    pub(super) fn open_cell(&mut self, i: NodeId, header: bool) -> Open {
        let node = self.el(i);
        let colspan = span(node.attr("colspan"));
        let rowspan = span(node.attr("rowspan"));
        if let Some(t) = self.tables.last_mut() {
            t.start_cell(header, colspan, rowspan);
        }
        Open::Cell
    }

    pub(super) fn close_cell(&mut self) {
        if let Some(t) = self.tables.last_mut() {
            t.end_cell();
        }
    }

    pub(super) fn open_caption(&mut self) -> Open {
        if let Some(t) = self.tables.last_mut() {
            t.start_caption();
        }
        Open::Caption
    }

    pub(super) fn close_caption(&mut self) {
        if let Some(t) = self.tables.last_mut() {
            t.end_caption();
        }
    }

    /// Whether the row opening now is in the innermost table's `thead`.
    fn in_thead(&self) -> bool {
        self.open
            .iter()
            .rev()
            .take_while(|o| !matches!(o.open, Open::Table))
            .any(|o| self.el(o.index).tag == Tag::Thead)
    }
}

fn span(v: Option<&str>) -> u32 {
    v.and_then(|s| s.trim().parse::<u32>().ok()).unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[&[(&str, bool, u32, u32)]]) -> Table {
        let mut b = TableBuilder::default();
        for r in rows {
            b.start_row(false);
            for &(t, h, cs, rs) in r.iter() {
                b.start_cell(h, cs, rs);
                b.push_text(t);
                b.end_cell();
            }
            b.end_row();
        }
        b.finish(100_000).0
    }

    #[test]
    fn first_row_of_th_is_the_header() {
        let t = table(&[
            &[("A", true, 1, 1), ("B", true, 1, 1)],
            &[("1", false, 1, 1), ("2", false, 1, 1)],
        ]);
        assert_eq!(t.header, vec!["A", "B"]);
        assert_eq!(t.rows, vec![vec!["1", "2"]]);
    }

    #[test]
    fn spans_expand() {
        let t = table(&[
            &[("wide", false, 2, 1), ("tall", false, 1, 2)],
            &[("x", false, 1, 1), ("y", false, 1, 1)],
        ]);
        assert_eq!(
            t.rows,
            vec![vec!["wide", "wide", "tall"], vec!["x", "y", "tall"]]
        );
    }

    #[test]
    fn huge_colspan_is_capped() {
        let t = table(&[&[("a", false, 1_000_000, 1)]]);
        assert_eq!(t.rows[0].len(), MAX_COLSPAN as usize);
    }

    #[test]
    fn pipes_are_escaped_in_markdown() {
        let t = Table {
            caption: None,
            header: vec!["a|b".into()],
            rows: vec![vec!["c".into()]],
        };
        assert_eq!(markdown(&t), "| a\\|b |\n| --- |\n| c |");
    }
}
