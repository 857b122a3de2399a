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

use crate::dom::is_invisible;

/// An inline span whose opening syntax is in `md`, waiting for its end.
#[derive(Debug, Clone)]
enum MarkKind {
    /// `*`, `**` or `~~`.
    Emphasis(&'static str),
    Code,
    /// A link to this (already Markdown-escaped) URL.
    Link(String),
}

#[derive(Debug, Clone)]
struct Mark {
    kind: MarkKind,
    /// Where its opening syntax starts in `md`.
    at: usize,
}

/// A closed emphasis whose closing marker follows punctuation: it closes only if what
/// comes next is white space, punctuation or the end of the block.
#[derive(Debug, Clone, Copy)]
struct PendingClose {
    open: usize,
    close: usize,
    len: usize,
    /// The marker's character: more of it right after extends the run.
    ch: char,
}

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

    /// Starts emphasis with `marker`; false when none is written (inside a code span, or
    /// inside emphasis of the same kind).
    pub fn open_emphasis(&mut self, marker: &'static str) -> bool {
        if self.code > 0
            || self
                .marks
                .iter()
                .any(|m| matches!(m.kind, MarkKind::Emphasis(k) if k == marker))
        {
            return false;
        }
        // `**a****b**` does not render as bold: continue the span that just closed.
        if !self.pending_space
            && let Some((m, open, close)) = self.last_closed
            && m == marker
            && close + m.len() == self.md.len()
        {
            self.md.truncate(close);
            self.pending.retain(|p| p.close != close);
            self.last_closed = None;
            self.marks.push(Mark {
                kind: MarkKind::Emphasis(marker),
                at: open,
            });
            return true;
        }
        self.push_md("");
        // Right after another run of the same character the markers would merge into one
        // run and mean something else: no emphasis then.
        let ch = marker.as_bytes()[0] as char;
        if ends_with_marker(&self.md, ch) {
            return false;
        }
        self.resolve(Some(ch));
        self.marks.push(Mark {
            kind: MarkKind::Emphasis(marker),
            at: self.md.len(),
        });
        self.md.push_str(marker);
        true
    }

    pub fn close_emphasis(&mut self) {
        if let Some(Mark {
            kind: MarkKind::Emphasis(marker),
            at,
        }) = self.marks.pop()
        {
            self.end_emphasis(marker, at);
        }
    }

    fn end_emphasis(&mut self, marker: &'static str, md_at: usize) {
        let ch = marker.as_bytes()[0] as char;
        self.resolve(Some(ch));
        if md_at > self.md.len() {
            return;
        }
        let inner = &self.md[md_at + marker.len()..];
        if inner.trim().is_empty() {
            self.md.truncate(md_at);
            self.last_closed = None;
            return;
        }
        // `**bold **` is not emphasis in Markdown: move trailing spaces and line breaks
        // outside the marker.
        let breaks = self.split_trailing();
        // Spaces right after the opening marker break it too.
        let after = md_at + marker.len();
        let lead = self.md[after..].len() - self.md[after..].trim_start().len();
        let mut md_at = md_at;
        if lead > 0 {
            self.md.replace_range(after..after + lead, "");
            self.md.insert(md_at, ' ');
            md_at += 1;
        }
        let after = md_at + marker.len();
        // The opening marker must be left-flanking: not between a letter and punctuation
        // (looking past markers of the same character, which make one run with it).
        let before = self.md[..md_at].trim_end_matches(ch).chars().next_back();
        let first = self.md[after..].trim_start_matches(ch).chars().next();
        if !flanking(before, first) {
            self.md.replace_range(md_at..after, "");
            self.last_closed = None;
            self.restore_breaks(breaks);
            return;
        }
        let close = self.md.len();
        let last = self.md[..close].trim_end_matches(ch).chars().next_back();
        self.md.push_str(marker);
        self.last_closed = Some((marker, md_at, close));
        if last.is_some_and(is_punctuation) {
            self.pending.push(PendingClose {
                open: md_at,
                close,
                len: marker.len(),
                ch,
            });
        }
        self.restore_breaks(breaks);
    }

    /// Takes trailing white space and line breaks off `md`; returns how many breaks.
    fn split_trailing(&mut self) -> usize {
        let mut breaks = 0;
        loop {
            let t = self.md.trim_end();
            let trimmed = t.len();
            let slashes = t.len() - t.trim_end_matches('\\').len();
            if trimmed < self.md.len() && self.md[trimmed..].contains('\n') && slashes % 2 == 1 {
                breaks += 1;
                self.md.truncate(trimmed - 1);
            } else {
                if trimmed < self.md.len() {
                    self.pending_space = true;
                }
                self.md.truncate(trimmed);
                return breaks;
            }
        }
    }

    fn restore_breaks(&mut self, breaks: usize) {
        if breaks > 0 {
            self.resolve(Some('\n'));
            for _ in 0..breaks {
                self.md.push_str("\\\n");
            }
            self.pending_space = false;
        }
    }

    /// A closing marker after punctuation closes only if `next` (the next character of
    /// the Markdown, `None` at the end) is not a letter or digit; else the emphasis is
    /// written as plain text.
    fn resolve(&mut self, next: Option<char>) {
        if self.pending.is_empty() {
            return;
        }
        let next = if self.pending_space { Some(' ') } else { next };
        // More of the marker's character: the run goes on, the answer comes after it.
        if next.is_some_and(|c| self.pending.iter().all(|p| p.ch == c)) {
            return;
        }
        let pending = std::mem::take(&mut self.pending);
        if next.is_some_and(|c| !c.is_whitespace() && !is_punctuation(c)) {
            let mut at: Vec<(usize, usize)> = pending
                .iter()
                .flat_map(|p| [(p.open, p.len), (p.close, p.len)])
                .collect();
            at.sort_unstable();
            for (i, len) in at.into_iter().rev() {
                self.md.replace_range(i..i + len, "");
            }
            self.last_closed = None;
        }
    }

    /// Starts a code span; false inside one.
    pub fn open_code(&mut self) -> bool {
        if self.code > 0 {
            return false;
        }
        self.push_md("");
        self.resolve(Some('`'));
        self.marks.push(Mark {
            kind: MarkKind::Code,
            at: self.md.len(),
        });
        self.code += 1;
        true
    }

    pub fn close_code(&mut self) {
        if let Some(Mark {
            kind: MarkKind::Code,
            at,
        }) = self.marks.pop()
        {
            self.end_code(at);
        }
    }

    fn end_code(&mut self, at: usize) {
        self.code -= 1;
        let body = self.md[at..].trim();
        if body.is_empty() {
            self.md.truncate(at);
            return;
        }
        // The fence is one backtick longer than the longest run inside.
        let mut longest = 0;
        let mut run = 0;
        for b in body.bytes() {
            run = if b == b'`' { run + 1 } else { 0 };
            longest = longest.max(run);
        }
        let fence = "`".repeat(longest + 1);
        let pad = if body.starts_with('`') || body.ends_with('`') {
            " "
        } else {
            ""
        };
        let span = format!("{fence}{pad}{body}{pad}{fence}");
        if self.md.ends_with(char::is_whitespace) {
            self.pending_space = true;
        }
        self.md.replace_range(at.., &span);
        self.last_closed = None;
    }

    /// Starts a link to `url` (Markdown-escaped); false inside a code span.
    pub fn open_link(&mut self, url: String) -> bool {
        if self.code > 0 {
            return false;
        }
        self.push_md("");
        // Positions are taken once the emphasis before is settled (it may still move).
        self.resolve(Some('['));
        self.marks.push(Mark {
            kind: MarkKind::Link(url),
            at: self.md.len(),
        });
        self.md.push('[');
        true
    }

    pub fn close_link(&mut self) {
        if let Some(Mark {
            kind: MarkKind::Link(url),
            at,
        }) = self.marks.pop()
        {
            self.end_link(&url, at);
        }
    }

    fn end_link(&mut self, url: &str, at: usize) {
        self.resolve(Some(']'));
        if self.md[at + 1..].trim().is_empty() {
            self.md.truncate(at);
        } else {
            let breaks = self.split_trailing();
            self.md.push_str("](");
            self.md.push_str(url);
            self.md.push(')');
            self.restore_breaks(breaks);
        }
        self.last_closed = None;
    }

    /// Ends every open span in the Markdown of this block, innermost first.
    fn end_marks(&mut self) {
        for m in self.marks.clone().into_iter().rev() {
            match m.kind {
                MarkKind::Emphasis(marker) => self.end_emphasis(marker, m.at),
                MarkKind::Code => {
                    self.end_code(m.at);
                    self.code += 1;
                }
                MarkKind::Link(url) => self.end_link(&url, m.at),
            }
        }
        self.resolve(None);
        self.last_closed = None;
    }

    /// Opens the spans still open again at the start of the next block.
    fn reopen_marks(&mut self) {
        for m in &mut self.marks {
            m.at = self.md.len();
            match &m.kind {
                MarkKind::Emphasis(marker) => self.md.push_str(marker),
                MarkKind::Code => {}
                MarkKind::Link(_) => self.md.push('['),
            }
        }
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

/// Whether `md` ends with an unescaped `ch`.
fn ends_with_marker(md: &str, ch: char) -> bool {
    let Some(rest) = md.strip_suffix(ch) else {
        return false;
    };
    let slashes = rest.len() - rest.trim_end_matches('\\').len();
    slashes % 2 == 0
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

/// Punctuation as CommonMark's flanking rules see it (ASCII and Unicode punctuation and
/// symbols): what is neither a letter, a digit nor white space.
fn is_punctuation(c: char) -> bool {
    !c.is_alphanumeric() && !c.is_whitespace()
}

/// Whether a marker between `before` and `after` (`None`: the block's edge) is
/// left-flanking, i.e. can open emphasis (CommonMark 6.2).
fn flanking(before: Option<char>, after: Option<char>) -> bool {
    let Some(after) = after else { return false };
    if after.is_whitespace() {
        return false;
    }
    !is_punctuation(after) || before.is_none_or(|b| b.is_whitespace() || is_punctuation(b))
}

/// After an `&`: whether the text reads as an entity (`amp;`, `#38;`, `#x26;`), which a
/// renderer would decode.
fn starts_entity(s: &str) -> bool {
    let b = s.as_bytes();
    let (digits, rest): (fn(&u8) -> bool, &[u8]) = match b {
        [b'#', b'x' | b'X', rest @ ..] => (u8::is_ascii_hexdigit, rest),
        [b'#', rest @ ..] => (u8::is_ascii_digit, rest),
        _ => (u8::is_ascii_alphanumeric, b),
    };
    let n = rest.iter().take_while(|c| digits(c)).count();
    n > 0 && rest.get(n) == Some(&b';')
}

/// ASCII bytes that need no attention in inline text: not whitespace, not Markdown syntax.
static PLAIN: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0x21;
    while b < 0x7f {
        t[b] = !matches!(
            b as u8,
            b'\\' | b'`' | b'*' | b'_' | b'[' | b']' | b'<' | b'>' | b'|' | b'&'
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

    #[test]
    fn entities_are_recognised() {
        assert!(starts_entity("lt;span"));
        assert!(starts_entity("#38;"));
        assert!(starts_entity("#x26;"));
        assert!(!starts_entity("T"));
        assert!(!starts_entity(" b;"));
        assert!(!starts_entity("#;"));
    }

    #[test]
    fn flanking_follows_commonmark() {
        assert!(flanking(None, Some('a')));
        assert!(flanking(Some('a'), Some('b')));
        assert!(flanking(Some(' '), Some('.')));
        assert!(!flanking(Some('l'), Some(':')));
        assert!(!flanking(Some('a'), Some(' ')));
    }
}
