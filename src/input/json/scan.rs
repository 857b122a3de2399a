//! Where one value ends in a stream of bytes: the scan that splits the input into posts
//! tracks only strings and nesting, a chunk of input at a time, and notices where a post
//! cannot go on (see the recovery strategy in the parent module).

use super::source::brace_may_follow;

/// Why a post is broken when a line starting a new one comes before it is complete.
pub(super) const NEW_POST_LINE: &str = "a new post starts on a line before this one is complete";

/// The state of the scan of one value, carried from one chunk of input to the next.
pub(super) struct ValueScan {
    /// The value is not an object: it ends at the first byte that cannot be in it.
    scalar: bool,
    /// The column of the value's first byte: a line starting further left is a new post.
    col: u64,
    in_string: bool,
    /// The last byte was a backslash in a string.
    escape: bool,
    /// Open brackets, innermost last.
    open: Vec<u8>,
    /// The last byte outside strings that was not whitespace.
    last: u8,
    /// Leading whitespace of the current line while only whitespace has been seen on it
    /// (inside an open value), and whether `{` may stand there.
    line_ws: Option<(u64, bool)>,
}

/// Where the scan of a chunk stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stop {
    /// At the chunk's end: the value goes on in the next one.
    More,
    /// The value is complete.
    Complete,
    /// The value cannot be JSON, for this reason.
    Broken(&'static str),
}

impl ValueScan {
    /// The scan of a value whose first byte is `first`, at column `col`.
    pub(super) fn new(first: u8, col: u64) -> ValueScan {
        ValueScan {
            scalar: first != b'{',
            col,
            in_string: false,
            escape: false,
            open: Vec::new(),
            last: 0,
            line_ws: None,
        }
    }

    /// Whether the value may end where the input does (a number, `true`…).
    pub(super) fn may_end_here(&self) -> bool {
        self.scalar && !self.in_string
    }

    /// Scans `chunk`, the input that follows what was scanned so far: how many of its bytes
    /// belong to the value, and where that left the value.
    pub(super) fn chunk(&mut self, chunk: &[u8]) -> (usize, Stop) {
        let mut i = 0;
        while i < chunk.len() {
            if self.in_string {
                match self.string(chunk, i) {
                    (next, Stop::More) => {
                        i = next;
                        continue;
                    }
                    stopped => return stopped,
                }
            }
            let b = chunk[i];
            if self.blank(b) {
                i += 1;
                continue;
            }
            if let Some((ws, brace_ok)) = self.line_ws.take()
                && b == b'{'
                && ws <= self.col
                && !brace_ok
            {
                // A line that starts a new post where this one cannot go on.
                return (i, Stop::Broken(NEW_POST_LINE));
            }
            let top_level = self.scalar && self.open.is_empty();
            match b {
                b'"' => self.in_string = true,
                b'{' | b'[' => self.open.push(b),
                b'}' | b']' if !self.open.is_empty() => {
                    self.open.pop();
                    if self.open.is_empty() {
                        return (i + 1, Stop::Complete);
                    }
                }
                b',' | b']' | b'}' | b' ' | b'\n' | b'\r' | b'\t' if top_level => {
                    return (i, Stop::Complete);
                }
                _ => {}
            }
            self.last = b;
            i += 1;
        }
        (i, Stop::More)
    }

    /// In a string, at `chunk[i]`: where the scan goes on and where that left the value.
    fn string(&mut self, chunk: &[u8], i: usize) -> (usize, Stop) {
        if self.escape {
            // The byte after a backslash, possibly at the start of a new chunk.
            self.escape = false;
            return (i + 1, Stop::More);
        }
        // Jump to the next quote, backslash or raw line break (never in JSON).
        let Some(p) = memchr::memchr3(b'"', b'\\', b'\n', &chunk[i..]) else {
            return (chunk.len(), Stop::More);
        };
        let i = i + p;
        match chunk[i] {
            b'\n' => {
                let why = "a line break inside a string: the post is cut short";
                return (i, Stop::Broken(why));
            }
            b'\\' => self.escape = true,
            _ => {
                self.in_string = false;
                self.last = b'"';
                if self.scalar && self.open.is_empty() {
                    return (i + 1, Stop::Complete);
                }
            }
        }
        (i + 1, Stop::More)
    }

    /// Whether `b`, outside strings, is a line break or a blank inside an open value (they
    /// say where a line starts), counted as such.
    fn blank(&mut self, b: u8) -> bool {
        match b {
            b'\n' if !self.open.is_empty() => {
                let brace_ok = brace_may_follow(self.last, self.open.last().copied());
                self.line_ws = Some((0, brace_ok));
                true
            }
            b' ' | b'\t' | b'\r' if !(self.scalar && self.open.is_empty()) => {
                if let Some((n, _)) = &mut self.line_ws {
                    *n += 1;
                }
                true
            }
            _ => false,
        }
    }
}
