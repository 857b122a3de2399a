//! The inline text of the block being gathered, kept twice: as plain text and as Markdown.
//!
//! The Markdown must render as the plain text (`tests/it/markdown_fidelity.rs` checks it on the
//! whole corpus), so the inline syntax written here follows CommonMark's rules rather than
//! the HTML's shape:
//! - text is escaped (`\*`, `\[`, `\&lt;`…) except inside code spans, where a renderer shows
//!   backslashes as they are; a code span's fence is longer than any run of backticks inside;
//! - emphasis is written only where a renderer reads it as emphasis (its markers flank
//!   text, see [`flanking`]); nested emphasis of the same kind adds no markers, and two
//!   spans of the same kind that touch are one;
//! - emphasis, code spans and links left open when a block ends (a link around a "blog
//!   card" of several paragraphs, a `<strong>` around a list) are closed at the end of each
//!   block and opened again in the next, so no marker is left alone;
//! - a line break at the end of a block writes nothing (a trailing `\` would show).
//!
//! The spans (emphasis, code, links) are in `spans.rs`, what text needs escaping in `escape.rs`.

mod escape;
mod spans;

use crate::dom::is_invisible;
use escape::{PLAIN, is_md_special, simple_text, starts_entity};
use spans::{Mark, PendingClose};

/// Inline text being gathered for the current block, as plain text and as Markdown.
#[derive(Debug, Default)]
pub(super) struct Inline {
    pub text: String,
    pub md: String,
    pub pending_space: bool,
    marks: Vec<Mark>,
    /// Open code spans (their text is not escaped and holds no other syntax).
    code: u32,
    pending: Vec<PendingClose>,
    /// The last emphasis closed (marker, opening and closing positions), so that one
    /// opened right after it continues it.
    last_closed: Option<(&'static str, usize, usize)>,
    /// Blocks taken so far, so a [`Position`] from an earlier block is known as stale.
    blocks: u64,
}

/// A point in the block being gathered.
#[derive(Debug, Clone, Copy)]
pub(super) struct Position {
    text: usize,
    md: usize,
    block: u64,
}

impl Inline {
    pub fn push_str(&mut self, s: &str, pre: bool, md_escape: bool) {
        if pre {
            self.resolve(s.chars().next());
            self.text.push_str(s);
            self.md.push_str(s);
            return;
        }
        let md_escape = md_escape && self.code == 0;
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
                self.resolve(body.chars().next());
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
                self.resolve(s[start..].chars().next());
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
            self.resolve(Some(c));
            self.text.push(c);
            if md_escape && (is_md_special(c) || c == '&' && starts_entity(&s[i..])) {
                self.md.push('\\');
            }
            self.md.push(c);
        }
    }

    /// One space, in each buffer that does not already end in one.
    fn emit_space(&mut self) {
        self.resolve(Some(' '));
        for buf in [&mut self.text, &mut self.md] {
            if !buf.is_empty() && !buf.ends_with([' ', '\n']) {
                buf.push(' ');
            }
        }
        self.pending_space = false;
    }

    /// Markdown-only syntax (image and link brackets).
    pub fn push_md(&mut self, s: &str) {
        if self.pending_space {
            self.emit_space();
        }
        if let Some(c) = s.chars().next() {
            self.resolve(Some(c));
        }
        self.md.push_str(s);
    }

    /// Text and its Markdown, written as they are.
    pub fn push_verbatim(&mut self, text: &str, md: &str) {
        if self.pending_space {
            self.emit_space();
        }
        self.resolve(md.chars().next());
        self.text.push_str(text);
        self.md.push_str(md);
    }

    /// Where the block being gathered is now.
    pub fn position(&self) -> Position {
        Position {
            text: self.text.len(),
            md: self.md.len(),
            // An emphasis waiting for the next character may still move the Markdown.
            block: if self.pending.is_empty() {
                self.blocks
            } else {
                u64::MAX
            },
        }
    }

    /// Removes what was gathered since `at`, if that is still in this block and no span
    /// was opened or closed since.
    pub fn cut(&mut self, at: Position) {
        let marks_before = self.marks.iter().all(|m| m.at < at.md);
        if at.block != self.blocks || !marks_before || !self.pending.is_empty() {
            return;
        }
        if at.text <= self.text.len() && at.md <= self.md.len() {
            self.text.truncate(at.text);
            self.md.truncate(at.md);
            self.last_closed = None;
        }
    }

    pub fn in_code(&self) -> bool {
        self.code > 0
    }

    pub fn line_break(&mut self) {
        if !self.text.is_empty() {
            self.resolve(Some('\n'));
            self.text.push('\n');
            // In a code span a backslash shows; its line ending is a space.
            self.md.push_str(if self.code > 0 { "\n" } else { "\\\n" });
        }
        self.pending_space = false;
    }

    /// The block's text and Markdown; the buffers are left empty (but for the syntax of
    /// spans that go on into the next block).
    pub fn take(&mut self) -> (String, String) {
        self.end_marks();
        self.pending_space = false;
        // Copy out exactly and keep the buffers' capacity for the next block.
        let text = trim_lines(&self.text);
        let md = trim_breaks(&self.md).to_string();
        self.text.clear();
        self.md.clear();
        self.blocks += 1;
        self.reopen_marks();
        (text, md)
    }

    /// The verbatim text of a `pre` block, which holds no inline syntax.
    pub fn take_pre(&mut self) -> String {
        self.end_marks();
        self.pending_space = false;
        let text = std::mem::take(&mut self.text);
        self.md.clear();
        self.blocks += 1;
        self.reopen_marks();
        text
    }
}

/// `md` without white space or line breaks (`\` and a line end) at either end.
fn trim_breaks(md: &str) -> &str {
    let mut md = md.trim();
    while let Some(rest) = md.strip_suffix('\\') {
        // A backslash escaping a backslash is text.
        let escaped = rest.len() - rest.trim_end_matches('\\').len();
        if escaped % 2 == 1 {
            break;
        }
        md = rest.trim_end();
    }
    md
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

/// A URL as a Markdown link destination.
pub(super) fn md_url(url: &str) -> String {
    url.replace(' ', "%20")
        .replace('(', "%28")
        .replace(')', "%29")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailing_line_breaks_are_dropped() {
        assert_eq!(trim_breaks("a\\\n"), "a");
        assert_eq!(trim_breaks("a\\\n\\\n "), "a");
        assert_eq!(trim_breaks("a\\\\"), "a\\\\");
    }
}
