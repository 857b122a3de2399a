//! The shape limits the tree sink enforces while the parser runs ([`super::sink`]), and
//! where a parse they cut stopped.

/// Shape limits on the parsed content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Bounds {
    /// Deepest element nesting (the content's top-level elements are at depth 1).
    pub max_depth: usize,
    /// Most elements.
    pub max_elements: usize,
}

impl Bounds {
    /// No limits.
    pub const NONE: Bounds = Bounds {
        max_depth: usize::MAX,
        max_elements: usize::MAX,
    };
}

/// Which limit stopped a parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Over {
    Depth,
    Elements,
}

/// Where and why [`parse_fragment_within`](super::sink::parse_fragment_within) cut the
/// content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cut {
    pub over: Over,
    /// The bytes of the source the tokenizer had just read when the limit was hit (the token
    /// that went over, with any text just before it): the part of them on line
    /// [`Cut::line`].
    pub bytes: (usize, usize),
    /// The line (from 1) where the token that went over the limit ends.
    pub line: u64,
}

/// Where lines end in `html`, as the tokenizer counts them: at a line feed, or a carriage
/// return not followed by one.
fn line_breaks(html: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = html.as_bytes();
    memchr::memchr2_iter(b'\n', b'\r', bytes)
        .filter(|&i| !(bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n')))
}

/// The line (from 1) that byte `at` of `html` is on.
pub(super) fn line_at(html: &str, at: usize) -> u64 {
    1 + line_breaks(html).take_while(|&i| i < at).count() as u64
}

/// The part of `html[range]` that is on line `line` (counted from 1, as [`line_breaks`]
/// ends them).
pub(super) fn on_line(html: &str, (from, to): (usize, usize), line: u64) -> (usize, usize) {
    let bytes = html.as_bytes();
    let breaks = line_breaks(html);
    let mut start = 0;
    let mut end = bytes.len();
    for (n, at) in (1u64..).zip(breaks) {
        if n == line {
            end = at;
            break;
        }
        start = at + 1;
    }
    let (a, b) = (from.max(start), to.min(end));
    if a < b { (a, b) } else { (from, to) }
}
