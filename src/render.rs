//! Text, Markdown and sections from the block model (the cleaned HTML is the decided tree,
//! written: [`crate::clean::Cleaned::html`]).

use url::Url;

use crate::article::{Heading, Section};
use crate::extract::{Block, BlockKind};

fn separator(prev: Option<&BlockKind>, cur: &BlockKind) -> &'static str {
    match (prev, cur) {
        (None, _) => "",
        (Some(BlockKind::ListItem { .. }), BlockKind::ListItem { .. }) => "\n",
        _ => "\n\n",
    }
}

/// Block-aware plain text: one block per paragraph, blank lines between blocks, list items on
/// consecutive lines.
pub(crate) fn text(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut prev: Option<&BlockKind> = None;
    for b in blocks {
        if b.text.is_empty() {
            continue;
        }
        out.push_str(separator(prev, &b.kind));
        out.push_str(&b.text);
        prev = Some(&b.kind);
    }
    out
}

/// GitHub-flavoured Markdown.
pub(crate) fn markdown(blocks: &[Block]) -> String {
    let mut out = String::with_capacity(blocks.iter().map(|b| b.md.len() + 2).sum());
    // Each block is written here first (one buffer for all), then copied or quoted.
    let mut body = String::new();
    let mut prev: Option<&BlockKind> = None;
    // The open list items: (depth, column of their text).
    let mut nesting: Vec<(u8, usize)> = Vec::new();
    for b in blocks {
        body.clear();
        if !matches!(b.kind, BlockKind::ListItem { .. }) {
            nesting.clear();
        }
        match b.kind {
            BlockKind::Heading { level, .. } => {
                body.extend(std::iter::repeat_n('#', level as usize));
                body.push(' ');
                body.push_str(&b.md);
            }
            BlockKind::ListItem {
                ordered,
                depth,
                number,
            } => {
                let marker = if ordered {
                    format!("{number}.")
                } else {
                    "-".to_string()
                };
                // A nested item is indented to its parent's text (a deeper indent would be
                // a code block): depths that skip a level nest one level only.
                while nesting.last().is_some_and(|&(d, _)| d >= depth) {
                    nesting.pop();
                }
                let indent = " ".repeat(nesting.last().map_or(0, |&(_, col)| col));
                nesting.push((depth, indent.len() + marker.len() + 1));
                body.push_str(&indent);
                body.push_str(&marker);
                body.push(' ');
                let pad = " ".repeat(marker.len() + 1 + indent.len());
                escape_line_starts(&mut body, &b.md, &pad);
            }
            BlockKind::Table(_) | BlockKind::Code | BlockKind::Rule => body.push_str(&b.md),
            BlockKind::Caption => {
                body.push('*');
                escape_line_starts(&mut body, &b.md, "");
                body.push('*');
            }
            BlockKind::Paragraph => escape_line_starts(&mut body, &b.md, ""),
        }
        if body.trim().is_empty() {
            continue;
        }
        out.push_str(separator(prev, &b.kind));
        if b.quote > 0 {
            for (k, line) in body.lines().enumerate() {
                if k > 0 {
                    out.push('\n');
                }
                for _ in 0..b.quote {
                    out.push_str("> ");
                }
                out.push_str(line);
            }
        } else {
            out.push_str(&body);
        }
        prev = Some(&b.kind);
    }
    out
}

/// Appends `md`, each line after a line break (`\` and a line end) indented by `pad`.
fn escape_line_starts(out: &mut String, md: &str, pad: &str) {
    let bytes = md.as_bytes();
    let mut start = 0;
    // A line break is `\` then a line end: look for the backslashes only.
    for i in memchr::memchr_iter(b'\\', bytes) {
        if i >= start && bytes.get(i + 1) == Some(&b'\n') {
            escape_line_start(out, &md[start..i]);
            out.push_str("\\\n");
            out.push_str(pad);
            start = i + 2;
        }
    }
    escape_line_start(out, &md[start..]);
}

/// Appends `md`; a line starting with `#`, `>`, `-`, `+`, `=`, `~~~` or `1.` would turn into
/// other Markdown (a heading, a quote, a list, a fence…), so that start is escaped. (`~~`
/// alone opens strikethrough and stays.)
fn escape_line_start(out: &mut String, md: &str) {
    let first = md.chars().next();
    let digits = md.bytes().take_while(u8::is_ascii_digit).count();
    if matches!(first, Some('#' | '>' | '-' | '+' | '='))
        || md.starts_with("~~~")
        || (digits > 0 && matches!(md.as_bytes().get(digits), Some(b'.' | b')')))
    {
        out.push_str(&md[..digits]);
        out.push('\\');
        out.push_str(&md[digits..]);
    } else {
        out.push_str(md);
    }
}

/// The article split at its headings.
pub(crate) fn sections(blocks: &[Block], headings: &[Heading], page: Option<&Url>) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    let mut path: Vec<(u8, String)> = Vec::new();
    let mut cur = Section {
        url: page.map(|u| u.to_string()),
        ..Section::default()
    };
    let mut prev: Option<&BlockKind> = None;
    for b in blocks {
        if let BlockKind::Heading { level, heading } = b.kind {
            if !cur.text.is_empty() || cur.level > 0 {
                out.push(std::mem::take(&mut cur));
            }
            while path.last().is_some_and(|(l, _)| *l >= level) {
                path.pop();
            }
            path.push((level, b.text.clone()));
            let anchor = headings[heading].anchor.clone();
            cur = Section {
                path: path.iter().map(|(_, t)| t.clone()).collect(),
                level,
                url: page.map(|u| anchored(u, anchor.as_deref())),
                anchor,
                text: String::new(),
            };
            prev = None;
            continue;
        }
        if b.text.is_empty() {
            continue;
        }
        cur.text.push_str(separator(prev, &b.kind));
        cur.text.push_str(&b.text);
        prev = Some(&b.kind);
    }
    if !cur.text.is_empty() || cur.level > 0 {
        out.push(cur);
    }
    out
}

/// `page#anchor`, percent-encoding only what a fragment may not hold (an id that is already
/// percent-encoded stays as it is, so it still matches the element's id).
pub(crate) fn anchored(page: &Url, anchor: Option<&str>) -> String {
    let mut u = page.clone();
    u.set_fragment(anchor);
    u.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The same as splitting at every line break.
        #[test]
        fn line_starts_are_escaped_after_every_line_break(
            md in "[a#>\\\\\n1. -]{0,24}",
            pad in "( {2})?",
        ) {
            let mut expected = String::new();
            for (k, line) in md.split("\\\n").enumerate() {
                if k > 0 {
                    expected.push_str("\\\n");
                    expected.push_str(&pad);
                }
                escape_line_start(&mut expected, line);
            }
            let mut out = String::new();
            escape_line_starts(&mut out, &md, &pad);
            proptest::prop_assert_eq!(out, expected);
        }
    }
}
