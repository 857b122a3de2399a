//! The inline spans of a block (emphasis, code spans, links): opened when their element
//! opens, written or dropped when it closes, following CommonMark's rules (see the parent
//! module).

use super::Inline;

/// An inline span whose opening syntax is in `md`, waiting for its end.
#[derive(Debug, Clone)]
pub(super) enum MarkKind {
    /// `*`, `**` or `~~`.
    Emphasis(&'static str),
    Code,
    /// A link to this (already Markdown-escaped) URL.
    Link(String),
}

#[derive(Debug, Clone)]
pub(super) struct Mark {
    kind: MarkKind,
    /// Where its opening syntax starts in `md`.
    pub(super) at: usize,
}

/// A closed emphasis whose closing marker follows punctuation: it closes only if what
/// comes next is white space, punctuation or the end of the block.
#[derive(Debug, Clone, Copy)]
pub(super) struct PendingClose {
    open: usize,
    close: usize,
    len: usize,
    /// The marker's character: more of it right after extends the run.
    ch: char,
}

impl Inline {
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
    pub(super) fn resolve(&mut self, next: Option<char>) {
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
    pub(super) fn end_marks(&mut self) {
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
    pub(super) fn reopen_marks(&mut self) {
        for m in &mut self.marks {
            m.at = self.md.len();
            match &m.kind {
                MarkKind::Emphasis(marker) => self.md.push_str(marker),
                MarkKind::Code => {}
                MarkKind::Link(_) => self.md.push('['),
            }
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flanking_follows_commonmark() {
        assert!(flanking(None, Some('a')));
        assert!(flanking(Some('a'), Some('b')));
        assert!(flanking(Some(' '), Some('.')));
        assert!(!flanking(Some('l'), Some(':')));
        assert!(!flanking(Some('a'), Some(' ')));
    }
}
