//! The byte-level pieces the JSON reader restarts with: a buffered source that bytes can be
//! given back to, and the two tests of where a post can start.

use std::io::BufRead;

/// A buffered reader that bytes can be given back to, so that reading can start again at a
/// line that was already read as part of a malformed post.
#[derive(Debug)]
pub(super) struct Source<R> {
    pub(super) inner: R,
    /// Bytes given back, read before `inner` from `pos` on.
    pub(super) pending: Vec<u8>,
    pub(super) pos: usize,
}

impl<R: BufRead> Source<R> {
    pub(super) fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.pos < self.pending.len() {
            return Ok(&self.pending[self.pos..]);
        }
        // Retried on interruption; the second call returns what the first one buffered.
        while let Err(e) = self.inner.fill_buf() {
            if e.kind() != std::io::ErrorKind::Interrupted {
                break;
            }
        }
        self.inner.fill_buf()
    }

    pub(super) fn consume(&mut self, n: usize) {
        if self.pos < self.pending.len() {
            self.pos += n;
            if self.pos >= self.pending.len() {
                self.pending.clear();
                self.pos = 0;
            }
        } else {
            self.inner.consume(n);
        }
    }

    /// Puts bytes back in front of everything not yet consumed.
    pub(super) fn unread(&mut self, bytes: &[u8]) {
        let mut v = bytes.to_vec();
        v.extend_from_slice(&self.pending[self.pos..]);
        self.pending = v;
        self.pos = 0;
    }
}

/// Where `{` may stand in JSON, given the last byte that was not whitespace and the innermost
/// open bracket: after `:`, after `[`, or after `,` in an array.
pub(super) fn brace_may_follow(last: u8, innermost: Option<u8>) -> bool {
    match last {
        b':' | b'[' => true,
        b',' => innermost == Some(b'['),
        _ => false,
    }
}

/// The first line in `bytes` (after its first byte) that starts, after at most `col` spaces or
/// tabs, with `{`: where the next post can start. Returns the offset of that line.
pub(super) fn restart_line(bytes: &[u8], col: u64) -> Option<usize> {
    let mut from = 1;
    while let Some(p) = memchr::memchr(b'\n', bytes.get(from..)?) {
        let line = from + p + 1;
        let ws = bytes[line..]
            .iter()
            .take_while(|b| matches!(b, b' ' | b'\t' | b'\r'))
            .count();
        if ws as u64 <= col && bytes.get(line + ws) == Some(&b'{') {
            return Some(line);
        }
        from = line;
    }
    None
}
